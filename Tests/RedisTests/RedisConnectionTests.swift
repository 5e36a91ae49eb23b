import Redis
import Testing

@Suite("RedisConnection")
struct RedisConnectionTests {
    @Test("bytes round-trip unchanged: NUL bytes, invalid UTF-8, 1 MiB")
    func binarySafeRoundTrip() async throws {
        try await TestRedis.withPrefix("binary") { pool, prefix in
            let awkward: [UInt8] = [0, 1, 0xFF, 0xFE, 0xC3, 0x28, 13, 10, 0, 36, 42]
            var large = [UInt8](repeating: 0, count: 1 << 20)
            for index in large.indices { large[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 8) }
            let binaryKey = RedisArgument(Array(prefix.utf8) + [0, 0xFF, 10])
            try await pool.send(["SET", binaryKey, RedisArgument(awkward)])
            try await pool.send(["SET", RedisArgument(prefix + "large"), RedisArgument(large)])

            #expect(try await pool.send(["GET", binaryKey]) == .bulk(awkward))
            #expect(try await pool.send(["GET", RedisArgument(prefix + "large")]).bytes == large)
            #expect(try await pool.send(["STRLEN", RedisArgument(prefix + "large")]) == .integer(1 << 20))
            #expect(try await pool.send(["GET", RedisArgument(prefix + "missing")]) == .null)
        }
    }

    @Test("1,000 pipelined commands answer in order")
    func pipelineKeepsOrder() async throws {
        try await TestRedis.withPrefix("pipeline") { pool, prefix in
            let counter = RedisArgument(prefix + "counter")
            var commands: [[RedisArgument]] = (0..<1000).map { _ in ["INCR", counter] }
            commands.insert(["LPUSH", counter], at: 500)  // wrong arity: an error in the middle
            let replies = try await pool.pipeline(commands)
            #expect(replies.count == 1001)
            #expect(Array(replies[..<500]) == (1...500).map { RedisValue.integer($0) })
            #expect(replies[500].error?.serverErrorKind == "ERR")
            #expect(Array(replies[501...]) == (501...1000).map { RedisValue.integer($0) })
        }
    }

    @Test("server errors are typed")
    func serverErrorIsTyped() async throws {
        try await TestRedis.withPrefix("errors") { pool, prefix in
            let key = RedisArgument(prefix + "list")
            try await pool.send(["RPUSH", key, "a"])
            let error = await #expect(throws: RedisError.self) { try await pool.send(["INCR", key]) }
            #expect(error?.code == .server)
            #expect(error?.serverErrorKind == "WRONGTYPE")
        }
    }

    @Test("an empty command is refused before it is sent, and the connection stays usable")
    func emptyCommandRefused() async throws {
        let connection = try await TestRedis.connect()
        let error = await #expect(throws: RedisError.self) { try await connection.pipeline([["PING"], []]) }
        #expect(error?.code == .invalidArgument)
        #expect(try await connection.send("PING") == .simpleString("PONG"))
        await connection.close()
    }

    @Test("a closed connection refuses commands")
    func closedConnectionRefuses() async throws {
        let connection = try await TestRedis.connect()
        #expect(try await connection.send("PING") == .simpleString("PONG"))
        await connection.close()
        #expect(!connection.isUsable)
        let error = await #expect(throws: RedisError.self) { try await connection.send("PING") }
        #expect(error?.code == .connectionClosed)
    }

    @Test("connecting to a closed port fails with connectionFailed")
    func connectFailure() async throws {
        var configuration = TestRedis.configuration
        configuration.port = 1
        let error = await #expect(throws: RedisError.self) {
            try await RedisConnection.connect(configuration: configuration, logger: TestRedis.logger)
        }
        #expect(error?.code == .connectionFailed)
    }

    @Test("a wrong password is refused at connect")
    func wrongPasswordRefused() async throws {
        var configuration = TestRedis.configuration
        configuration.username = "nobody-\(TestRedis.uniquePrefix("auth"))"
        configuration.password = "wrong"
        let error = await #expect(throws: RedisError.self) {
            try await RedisConnection.connect(configuration: configuration, logger: TestRedis.logger)
        }
        #expect(error?.code == .connectionFailed)
    }

    @Test("a command slower than the command timeout fails with timeout and kills the connection")
    func commandTimeout() async throws {
        var configuration = TestRedis.configuration
        configuration.commandTimeout = .milliseconds(200)
        let connection = try await RedisConnection.connect(configuration: configuration, logger: TestRedis.logger)
        let key = RedisArgument(TestRedis.uniquePrefix("timeout") + "list")
        let error = await #expect(throws: RedisError.self) { try await connection.send("BLPOP", key, 2) }
        #expect(error?.code == .timeout)
        #expect(!connection.isUsable)
    }
}
