import FieldOpsCore
import Redis
import Telemetry

// The Swift side of scripts/bench/redis.sh: pipelined SETs on one connection, shaped like
// `redis-benchmark -t set -P 16 -c 1` (same single key and 3-byte value as its defaults).

/// Sends `total` SETs, `depth` per pipeline. Not main-actor code, so with the connection's task
/// executor preferred the whole loop runs on the connection's thread.
func pipelinedSets(on connection: RedisConnection, total: Int, depth: Int) async throws {
    let batch = [[RedisArgument]](repeating: ["SET", "key:__rand_int__", "xxx"], count: depth)
    var sent = 0
    while sent < total {
        let replies = try await connection.pipeline(sent + depth <= total ? batch : Array(batch.prefix(total - sent)))
        guard replies.allSatisfy({ $0 == .simpleString("OK") }) else {
            throw RedisError(.unexpectedReply, "SET did not answer OK")
        }
        sent += replies.count
    }
}

let environment = Environment.process()
let configuration = try RedisConfiguration(environment: environment)
let total = try environment.int("REDIS_BENCH_REQUESTS", default: 1_000_000)
let depth = try environment.int("REDIS_BENCH_PIPELINE", default: 16)
let connection = try await RedisConnection.connect(configuration: configuration, logger: Logger(label: "redis-bench", level: .warning))

let elapsed = try await ContinuousClock().measure {
    try await withTaskExecutorPreference(connection.taskExecutor) {
        try await pipelinedSets(on: connection, total: total, depth: depth)
    }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("swift_set_requests_per_second \(Int(Double(total) / seconds))")
await connection.close()
