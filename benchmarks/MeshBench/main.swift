// The Swift side of scripts/bench/worker.sh: how much of the raw client's consume rate the worker
// runtime keeps. On a fresh quorum queue, each phase first fills the queue with COUNT persistent
// report commands carrying every mesh header (published in confirmed batches of 1000), then drains it:
//
//   raw         the AMQP client alone, prefetch 500, a multiple ack every 250 (as AMQPBench)
//   raw-each    the AMQP client alone, prefetch 500, one ack per message, awaited in order
//   worker:N    `Worker` with a no-op handler, prefetch 500, concurrency N
//   decode      no broker: COUNT times what the runtime does to a body (`MeshMessage.decode`, which
//               reads it with `JSONTapeDecoder`, + validate)
//   decode-foundation   the same with Foundation's JSONDecoder, the decoder the runtime used before
//
// Prints "publish <msg/s>" (best fill), then "<phase> <msg/s>" per phase, in the order given.
// Each consuming phase checks the queue is empty afterwards (every message acknowledged).
//
//   MeshBench QUEUE COUNT PHASE...      (broker from FIELDOPS_AMQP_URL)
#if canImport(Glibc)
import Glibc
#endif
import AMQP
import Commands
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FieldOpsCore
import Mesh
import Telemetry

let prefetch: UInt16 = 500
let rawAckEvery = 250
let publishBatchSize = 1000

enum Phase {
    case raw(ackEvery: Int)
    case worker(concurrency: Int)
    case decode(foundation: Bool)

    init?(_ argument: String) {
        switch argument {
        case "raw": self = .raw(ackEvery: rawAckEvery)
        case "raw-each": self = .raw(ackEvery: 1)
        case "decode": self = .decode(foundation: false)
        case "decode-foundation": self = .decode(foundation: true)
        default:
            guard argument.hasPrefix("worker:"), let concurrency = Int(argument.dropFirst("worker:".count)),
                  (1...Int(prefetch)).contains(concurrency)
            else { return nil }
            self = .worker(concurrency: concurrency)
        }
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
}

let arguments = CommandLine.arguments
let phaseArguments = arguments.dropFirst(3)
let phases = phaseArguments.compactMap(Phase.init)
guard arguments.count >= 4, let count = Int(arguments[2]), count > 0, phases.count == phaseArguments.count else {
    print("usage: MeshBench QUEUE COUNT PHASE...   (PHASE: raw | raw-each | worker:<1-\(prefetch)> | decode | decode-foundation)")
    exit(2)
}
let queue = arguments[1]

/// Messages per second since `start`.
func rate(_ messages: Int, since start: ContinuousClock.Instant) -> Int {
    Int(Double(messages) / ((ContinuousClock.now - start) / .seconds(1)))
}

let logger = Logger(label: "mesh-bench", level: .warning)
let batch = MeshBatch(queue: queue, tenant: "bench", count: publishBatchSize)

/// Publishes COUNT messages in confirmed batches; returns the rate.
func fill(_ connection: AMQPConnection) async throws -> Int {
    let start = ContinuousClock.now
    var published = 0
    while published < count {
        let size = min(publishBatchSize, count - published)
        try await connection.publishBatch(Array(batch.messages.prefix(size)))
        published += size
    }
    return rate(count, since: start)
}

func consumeRaw(_ connection: AMQPConnection, ackEvery: Int) async throws -> Int {
    let consumer = try await connection.consume(queue: queue, prefetch: prefetch)
    let start = ContinuousClock.now
    var received = 0
    for try await delivery in consumer {
        received += 1
        if received % ackEvery == 0 || received == count {
            try await consumer.ack(deliveryTag: delivery.deliveryTag, multiple: ackEvery > 1)
        }
        if received == count { break }
    }
    let consumeRate = rate(count, since: start)
    try await consumer.close()
    return consumeRate
}

func consumeThroughWorker(_ connection: AMQPConnection, concurrency: Int) async throws -> Int {
    let handler = CountingHandler(expected: count)
    let worker = Worker(
        configuration: WorkerConfiguration(queue: queue, prefetch: prefetch, concurrency: concurrency), connection: connection,
        handler: handler, jobs: nil, logger: logger, metrics: WorkerMetrics(registry: MetricsRegistry())
    )
    let start = ContinuousClock.now
    let running = Task { try await worker.run() }
    for await _ in handler.finished {}
    // Returns once the in-flight messages are acknowledged and the consumer is closed.
    await worker.stop()
    try await running.value
    return rate(count, since: start)
}

/// What the runtime does to every body before the handler sees it, with nothing else around it;
/// `foundation`: with Foundation's decoder instead.
func decodeBodies(foundation: Bool) throws -> Int {
    let start = ContinuousClock.now
    let decoder = JSONTapeDecoder()
    var weekly = 0
    for _ in 0..<count {
        let command = foundation
            ? try JSONDecoder().decode(ReportRenderCommand.self, from: Data(MeshBatch.body))
            : try ReportRenderCommand.decode(body: MeshBatch.body, type: ReportRenderCommand.type, decoder: decoder)
        try command.validate()
        if command.report == .weekly { weekly += 1 }
    }
    guard weekly == count else { throw BenchFailure(description: "decoded \(weekly) of \(count) bodies") }
    return rate(count, since: start)
}

func requireEmptyQueue(_ connection: AMQPConnection, after phase: String) async throws {
    let left = try await connection.inspectQueue(name: queue).messageCount
    guard left == 0 else { throw BenchFailure(description: "\(phase): \(left) messages left unacknowledged") }
}

func runPhases(_ connection: AMQPConnection) async throws -> (publish: Int, results: [(String, Int)]) {
    var bestPublish = 0
    var results: [(String, Int)] = []
    for (name, phase) in zip(phaseArguments, phases) {
        if case .decode(let foundation) = phase {
            results.append((name, try decodeBodies(foundation: foundation)))
            continue
        }
        bestPublish = max(bestPublish, try await fill(connection))
        switch phase {
        case .raw(let ackEvery): results.append((name, try await consumeRaw(connection, ackEvery: ackEvery)))
        case .worker(let concurrency): results.append((name, try await consumeThroughWorker(connection, concurrency: concurrency)))
        case .decode: break
        }
        try await requireEmptyQueue(connection, after: name)
    }
    return (bestPublish, results)
}

/// Runs the phases on a fresh scratch queue and prints the figures; returns the exit status.
func benchmark() async -> Int32 {
    do {
        let configuration = try AMQPConfiguration(environment: Environment.process(), connectionName: "mesh-bench")
        let connection = try await AMQPConnection.connect(configuration: configuration, logger: logger)
        try await connection.declareQueue(name: queue, durable: true, arguments: ["x-queue-type": "quorum"])
        let outcome: Result<(publish: Int, results: [(String, Int)]), any Error>
        do {
            outcome = .success(try await runPhases(connection))
        } catch {
            outcome = .failure(error)
        }
        try await connection.deleteQueue(name: queue)
        await connection.close()
        let (publish, results) = try outcome.get()
        if publish > 0 { print("publish \(publish)") }
        for (name, value) in results { print("\(name) \(value)") }
        return 0
    } catch {
        var message = "MeshBench: \(error)\n"
        message.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
        return 1
    }
}

// The main thread sleeps here instead of parking in dispatch_main, as a top-level `await` would:
// valgrind 3.19 crashes on dispatch_main, and callgrind is how the cost per message is counted.
Task.detached { exit(await benchmark()) }
while true { pause() }
