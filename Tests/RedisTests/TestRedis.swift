import FieldOpsCore
import Foundation
import Redis
import Telemetry

/// The shared test Redis: `FIELDOPS_REDIS_URL` or the same default as scripts/env.sh. Tests never flush
/// it: each works under its own random key prefix and deletes those keys when done.
enum TestRedis {
    static let configuration: RedisConfiguration = {
        var environment = Environment.process().values
        if environment["FIELDOPS_REDIS_URL", default: ""].isEmpty {
            environment["FIELDOPS_REDIS_URL"] = "redis://127.0.0.1:26379/0"
        }
        do {
            return try RedisConfiguration(environment: Environment(environment))
        } catch {
            fatalError("bad test Redis configuration: \(error)")
        }
    }()

    static let logger = Logger(label: "redis-tests", level: .warning, sink: MemoryLogSink())

    static func pool(size: Int = 4, healthCheckAfterIdle: Duration = .seconds(30)) -> RedisPool {
        var configuration = configuration
        configuration.poolSize = size
        configuration.healthCheckAfterIdle = healthCheckAfterIdle
        return RedisPool(configuration: configuration, logger: logger, backoff: Backoff(initial: .milliseconds(20), maximum: .milliseconds(200)))
    }

    static func connect() async throws -> RedisConnection {
        try await RedisConnection.connect(configuration: configuration, logger: logger)
    }

    /// A key prefix no other test (or run) shares.
    static func uniquePrefix(_ area: String) -> String {
        "fieldops-test:\(area):\(UUID().uuidString.prefix(8)):"
    }

    /// Runs `body` with a pool and a fresh prefix, then deletes every key under the prefix.
    static func withPrefix<T>(_ area: String, pool: RedisPool? = nil, _ body: (RedisPool, String) async throws -> T) async throws -> T {
        let pool = pool ?? self.pool()
        let prefix = uniquePrefix(area)
        do {
            let result = try await body(pool, prefix)
            try await deleteKeys(prefix: prefix, pool: pool)
            await pool.close()
            return result
        } catch {
            try? await deleteKeys(prefix: prefix, pool: pool)
            await pool.close()
            throw error
        }
    }

    static func deleteKeys(prefix: String, pool: RedisPool) async throws {
        var cursor = "0"
        repeat {
            let reply = try await pool.send(["SCAN", RedisArgument(cursor), "MATCH", RedisArgument(prefix + "*"), "COUNT", 1000])
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string, let keys = parts[1].array else { return }
            if !keys.isEmpty {
                try await pool.send(["UNLINK"] + keys.compactMap { $0.bytes.map(RedisArgument.init) })
            }
            cursor = next
        } while cursor != "0"
    }

    /// The server-side id of a connection, for `CLIENT KILL ID`.
    static func clientID(of connection: RedisConnection) async throws -> Int {
        guard let id = try await connection.send("CLIENT", "ID").int else { throw TestFailure("CLIENT ID gave no integer") }
        return id
    }

    /// Kills a client by id from a separate connection, as a server-side disconnect would.
    static func kill(clientID: Int) async throws {
        let admin = try await connect()
        try await admin.send("CLIENT", "KILL", "ID", RedisArgument(clientID))
        await admin.close()
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
