import FieldOpsCore
import Redis
import Telemetry
import Testing

@Suite("RedisPool")
struct RedisPoolTests {
    @Test("200 concurrent commands share at most poolSize connections")
    func concurrentLoad() async throws {
        try await TestRedis.withPrefix("pool-load", pool: TestRedis.pool(size: 4)) { pool, prefix in
            let counter = RedisArgument(prefix + "counter")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await pool.send(["INCR", counter]) }
                }
                try await group.waitForAll()
            }
            #expect(try await pool.send(["GET", counter]).int == 200)
            #expect(pool.openConnectionCount <= 4)
        }
    }

    @Test("a pooled connection killed server-side is replaced on the next command")
    func replacesKilledConnection() async throws {
        try await TestRedis.withPrefix("pool-kill", pool: TestRedis.pool(size: 1)) { pool, prefix in
            let before = try await pool.withConnection { try await TestRedis.clientID(of: $0) }
            try await TestRedis.kill(clientID: before)

            // Not marked idempotent: the dead connection is found before anything is sent on it.
            try await pool.send(["SET", RedisArgument(prefix + "after-kill"), "ok"])
            #expect(try await pool.send(["GET", RedisArgument(prefix + "after-kill")]).string == "ok")
            let after = try await pool.withConnection { try await TestRedis.clientID(of: $0) }
            #expect(after != before)
            #expect(pool.openConnectionCount == 1)
        }
    }

    @Test("a connection that failed is discarded, not returned to the pool")
    func discardsFailedConnection() async throws {
        var configuration = TestRedis.configuration
        configuration.poolSize = 1
        configuration.commandTimeout = .milliseconds(200)
        let pool = RedisPool(configuration: configuration, logger: TestRedis.logger)
        let key = RedisArgument(TestRedis.uniquePrefix("pool-discard") + "empty-list")
        let error = await #expect(throws: RedisError.self) { try await pool.send(["BLPOP", key, 2]) }
        #expect(error?.code == .timeout)
        #expect(pool.openConnectionCount == 0)
        #expect(try await pool.send(["PING"]) == .simpleString("PONG"))
        await pool.close()
    }

    @Test("a checkout waits for a free connection and times out with poolTimeout")
    func checkoutTimesOut() async throws {
        var configuration = TestRedis.configuration
        configuration.poolSize = 1
        configuration.poolTimeout = .milliseconds(150)
        let pool = RedisPool(configuration: configuration, logger: TestRedis.logger)
        try await pool.withConnection { _ in
            let error = await #expect(throws: RedisError.self) { try await pool.send(["PING"]) }
            #expect(error?.code == .poolTimeout)
        }
        // The waiter that timed out left no trace: the connection is free again.
        #expect(try await pool.send(["PING"]) == .simpleString("PONG"))
        await pool.close()
        let closed = await #expect(throws: RedisError.self) { try await pool.send(["PING"]) }
        #expect(closed?.code == .poolClosed)
    }

    @Test("a waiter gets the connection another task returns")
    func waiterIsHandedConnection() async throws {
        let pool = TestRedis.pool(size: 1)
        async let held: Void = pool.withConnection { _ in try await Task.sleep(for: .milliseconds(50)) }
        try await Task.sleep(for: .milliseconds(10))
        #expect(try await pool.send(["PING"]) == .simpleString("PONG"))
        try await held
        #expect(pool.openConnectionCount == 1)
        await pool.close()
    }
}

@Suite("RedisPool reconnect")
struct RedisPoolReconnectTests {
    @Test("with the server unreachable, checkout retries until the deadline, then fails with connectionFailed")
    func unreachableServer() async throws {
        var configuration = TestRedis.configuration
        configuration.port = 1
        configuration.poolTimeout = .seconds(1)
        let logs = MemoryLogSink()
        let pool = RedisPool(
            configuration: configuration, logger: Logger(label: "pool", level: .warning, sink: logs),
            backoff: Backoff(initial: .milliseconds(10), maximum: .milliseconds(40))
        )
        let error = await #expect(throws: RedisError.self) { try await pool.send(["PING"]) }
        #expect(error?.code == .connectionFailed)
        #expect(logs.recorded.filter { $0.contains("retrying") }.count >= 1, "it retried before giving up")
        #expect(pool.openConnectionCount == 0)
        await pool.close()
    }
}

@Suite("RedisPool health and retry")
struct RedisPoolHealthTests {
    /// The last command the server ran for a client, from `CLIENT LIST ID` (`cmd=…`).
    static func lastCommand(ofClient id: Int) async throws -> String? {
        let admin = try await TestRedis.connect()
        let line = try await admin.send("CLIENT", "LIST", "ID", RedisArgument(id)).string ?? ""
        await admin.close()
        return line.split(separator: " ").first { $0.hasPrefix("cmd=") }.map { String($0.dropFirst(4)) }
    }

    @Test("a connection idle longer than healthCheckAfterIdle is PINGed before it is lent", arguments: [true, false])
    func pingsLongIdle(idleIsLong: Bool) async throws {
        let pool = TestRedis.pool(size: 1, healthCheckAfterIdle: idleIsLong ? .zero : .seconds(60))
        let id = try await pool.withConnection { try await TestRedis.clientID(of: $0) }
        let seenOnCheckout = try await pool.withConnection { _ in try await Self.lastCommand(ofClient: id) }
        #expect(seenOnCheckout == (idleIsLong ? "ping" : "client|id"))
        await pool.close()
    }

    @Test("an idempotent command cut off mid-flight is retried once on a new connection; others are not")
    func retriesIdempotentOnly() async throws {
        try await TestRedis.withPrefix("pool-retry", pool: TestRedis.pool(size: 1)) { pool, prefix in
            for idempotent in [false, true] {
                let list = RedisArgument(prefix + "queue-\(idempotent)")
                let id = try await pool.withConnection { try await TestRedis.clientID(of: $0) }
                let blocked = Task { try await pool.send(["BLPOP", list, 3], idempotent: idempotent) }
                while try await Self.lastCommand(ofClient: id) != "blpop" {
                    try await Task.sleep(for: .milliseconds(5))
                }
                try await TestRedis.kill(clientID: id)
                let admin = try await TestRedis.connect()
                try await admin.send("RPUSH", list, "job-1")
                await admin.close()
                if idempotent {
                    #expect(try await blocked.value == .array([.bulk(Array((prefix + "queue-true").utf8)), .bulk(Array("job-1".utf8))]))
                } else {
                    let error = await #expect(throws: RedisError.self) { try await blocked.value }
                    #expect(error?.code == .connectionClosed)
                }
            }
        }
    }
}
