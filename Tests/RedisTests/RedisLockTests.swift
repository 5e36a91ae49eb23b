import Redis
import Testing

@Suite("RedisLock")
struct RedisLockTests {
    @Test("of 20 concurrent contenders exactly one wins")
    func exactlyOneWinner() async throws {
        try await TestRedis.withPrefix("lock-contend", pool: TestRedis.pool(size: 8)) { pool, prefix in
            let lock = RedisLock(pool: pool, name: "site-42", keyPrefix: prefix)
            let leases = try await withThrowingTaskGroup(of: LockLease?.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await lock.acquire(ttl: .seconds(10)) }
                }
                return try await group.reduce(into: [LockLease]()) { if let lease = $1 { $0.append(lease) } }
            }
            #expect(leases.count == 1)
            #expect(leases.first?.fencingToken == 1)  // losers consumed no token
            #expect(try await leases.first?.release() == true)
        }
    }

    @Test("fencing tokens strictly increase across successive acquisitions")
    func fencingTokensIncrease() async throws {
        try await TestRedis.withPrefix("lock-fence") { pool, prefix in
            let lock = RedisLock(pool: pool, name: "vehicle-7", keyPrefix: prefix)
            var tokens: [Int] = []
            for _ in 0..<5 {
                let lease = try #require(try await lock.acquire(ttl: .seconds(5)))
                #expect(try await lock.acquire(ttl: .seconds(5)) == nil)
                tokens.append(lease.fencingToken)
                #expect(try await lease.release())
            }
            #expect(tokens == tokens.sorted() && Set(tokens).count == tokens.count)
        }
    }

    @Test("an expired holder can neither release nor extend the new holder's lock")
    func expiredHolderIsPowerless() async throws {
        try await TestRedis.withPrefix("lock-expire") { pool, prefix in
            let lock = RedisLock(pool: pool, name: "crew-3", keyPrefix: prefix)
            let old = try #require(try await lock.acquire(ttl: .milliseconds(50)))
            let new = try #require(try await lock.acquire(ttl: .seconds(10), waitingUpTo: .seconds(2), retryInterval: .milliseconds(20)))
            #expect(new.fencingToken > old.fencingToken)

            #expect(try await old.release() == false)
            #expect(try await old.extend(ttl: .seconds(30)) == false)
            #expect(try await pool.send(["GET", RedisArgument("\(prefix){crew-3}")]).string == new.token)
            #expect(try await new.extend(ttl: .seconds(20)))
            #expect(try await new.release())
            #expect(try await pool.send(["EXISTS", RedisArgument("\(prefix){crew-3}")]) == .integer(0))
        }
    }

    @Test("withLock releases afterwards and throws lockNotHeld when taken")
    func withLockScopes() async throws {
        try await TestRedis.withPrefix("lock-scope") { pool, prefix in
            let lock = RedisLock(pool: pool, name: "job", keyPrefix: prefix)
            try await lock.withLock(ttl: .seconds(5)) { _ in
                let error = await #expect(throws: RedisError.self) {
                    try await lock.withLock(ttl: .seconds(5)) { _ in }
                }
                #expect(error?.code == .lockNotHeld)
            }
            #expect(try await lock.acquire(ttl: .seconds(1)) != nil)
        }
    }

    @Test("scripts run after the server forgot them (NOSCRIPT falls back to EVAL)")
    func scriptFallback() async throws {
        try await TestRedis.withPrefix("lock-script") { pool, prefix in
            let script = RedisScript("return {KEYS[1], ARGV[1], '\(prefix)'}")
            let digest = try await pool.send(["SCRIPT", "LOAD", RedisArgument(script.source)])
            #expect(digest.string == script.sha1)  // our SHA-1 names it as Redis does
            let fresh = RedisScript("return '\(prefix)' .. ARGV[1]")
            #expect(try await pool.evaluate(fresh, arguments: ["x"]).string == prefix + "x")
            #expect(try await pool.send(["SCRIPT", "EXISTS", RedisArgument(fresh.sha1)]) == .array([.integer(1)]))
        }
    }
}
