// The Swift side of scripts/bench/amqp.sh, doing what benchmarks/amqp-peer/amqp_peer.c does:
// publish COUNT persistent 100-byte messages to a fresh quorum queue with confirms (all confirmed
// every 1000), then consume them with prefetch 500 and a multiple ack every 250.
// Prints one line: "publish <msg/s> consume <msg/s>".
// CONFIRM_EVERY 1 publishes one message at a time and awaits its confirm: the publish rate is
// then one over the confirm round trip, the floor of any caller that waits for its confirm.
//
//   AMQPBench QUEUE COUNT [CONFIRM_EVERY]        (broker from FIELDOPS_AMQP_URL)
#if canImport(Glibc)
import Glibc
#endif
import AMQP
import FieldOpsCore
import Telemetry

let prefetch: UInt16 = 500
let ackEvery = 250

let arguments = CommandLine.arguments
guard (3...4).contains(arguments.count), let count = Int(arguments[2]), count > 0,
      let confirmEvery = arguments.count == 4 ? Int(arguments[3]) : 1000, confirmEvery > 0
else {
    print("usage: AMQPBench QUEUE COUNT [CONFIRM_EVERY]")
    exit(2)
}
let queue = arguments[1]

func rate(_ messages: Int, since start: ContinuousClock.Instant) -> Int {
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Int(Double(messages) / seconds)
}

let logger = Logger(label: "amqp-bench", level: .warning)
let configuration = try AMQPConfiguration(environment: Environment.process(), connectionName: "amqp-bench")
let connection = try await AMQPConnection.connect(configuration: configuration, logger: logger)
try await connection.declareQueue(name: queue, durable: true, arguments: ["x-queue-type": "quorum"])

let message = AMQPOutgoingMessage(
    exchange: "", routingKey: queue, body: [UInt8](repeating: UInt8(ascii: "x"), count: 100), properties: .persistent
)
var start = ContinuousClock.now
var published = 0
while published < count {
    let size = min(confirmEvery, count - published)
    try await connection.publishBatch([AMQPOutgoingMessage](repeating: message, count: size))
    published += size
}
let publishRate = rate(count, since: start)

let consumer = try await connection.consume(queue: queue, prefetch: prefetch)
start = ContinuousClock.now
var received = 0
for try await delivery in consumer {
    received += 1
    if received % ackEvery == 0 || received == count {
        try await consumer.ack(deliveryTag: delivery.deliveryTag, multiple: true)
    }
    if received == count { break }
}
let consumeRate = rate(count, since: start)

try await consumer.close()
try await connection.deleteQueue(name: queue)
await connection.close()
print("publish \(publishRate) consume \(consumeRate)")
