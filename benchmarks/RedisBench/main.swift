import FieldOpsCore
import Redis
import Telemetry

// The Swift side of scripts/bench/redis.sh: pipelined SETs on one connection, shaped like
// `redis-benchmark -t set -P 16 -c 1` (same single key and 3-byte value as its defaults).
let environment = Environment.process()
let configuration = try RedisConfiguration(environment: environment)
let total = try environment.int("REDIS_BENCH_REQUESTS", default: 1_000_000)
let depth = try environment.int("REDIS_BENCH_PIPELINE", default: 16)
let logger = Logger(label: "redis-bench", level: .warning)

let connection = try await RedisConnection.connect(configuration: configuration, logger: logger)
let batch = [[RedisArgument]](repeating: ["SET", "key:__rand_int__", "xxx"], count: depth)
let clock = ContinuousClock()
var sent = 0
let elapsed = try await clock.measure {
    while sent < total {
        let commands = sent + depth <= total ? batch : Array(batch.prefix(total - sent))
        let replies = try await connection.pipeline(commands)
        guard replies.allSatisfy({ $0 == .simpleString("OK") }) else {
            throw RedisError(.unexpectedReply, "SET did not answer OK")
        }
        sent += replies.count
    }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("swift_set_requests_per_second \(Int(Double(total) / seconds))")
await connection.close()
