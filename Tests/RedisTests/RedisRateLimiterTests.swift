import Redis
import Testing

@Suite("RedisRateLimiter")
struct RedisRateLimiterTests {
    @Test("a concurrent burst of 12 admits exactly the burst of 5, then one more after the interval")
    func burstThenSteadyRate() async throws {
        try await TestRedis.withPrefix("ratelimit", pool: TestRedis.pool(size: 6)) { pool, prefix in
            let limiter = RedisRateLimiter(pool: pool, keyPrefix: prefix)
            // A slow rate: a burst spread out by a loaded machine must not earn extra tokens meanwhile.
            let rate = RedisRateLimiter.Rate(1, per: .seconds(2))
            let decisions = try await withThrowingTaskGroup(of: RedisRateLimiter.Decision.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await limiter.acquire("tenant-a", rate: rate, burst: 5) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let admitted = decisions.filter(\.allowed)
            let denied = decisions.filter { !$0.allowed }
            #expect(admitted.count == 5)
            #expect(Set(admitted.map(\.remaining)) == [0, 1, 2, 3, 4])
            #expect(denied.allSatisfy { $0.retryAfter > .zero && $0.retryAfter <= rate.emissionInterval && $0.remaining == 0 })

            // Another key has its own budget.
            #expect(try await limiter.acquire("tenant-b", rate: rate, burst: 5).allowed)

            let wait = try #require(denied.map(\.retryAfter).max())
            try await Task.sleep(for: wait + .milliseconds(20))
            #expect(try await limiter.acquire("tenant-a", rate: rate, burst: 5).allowed)
        }
    }

    @Test("a request costing more than what is left is denied without spending it")
    func costIsAtomic() async throws {
        try await TestRedis.withPrefix("ratelimit-cost") { pool, prefix in
            let limiter = RedisRateLimiter(pool: pool, keyPrefix: prefix)
            let rate = RedisRateLimiter.Rate(1, per: .seconds(60))
            #expect(try await limiter.acquire("k", rate: rate, burst: 4, cost: 3).remaining == 1)
            let denied = try await limiter.acquire("k", rate: rate, burst: 4, cost: 2)
            #expect(!denied.allowed && denied.remaining == 1)
            #expect(try await limiter.acquire("k", rate: rate, burst: 4, cost: 1).allowed)
            let error = await #expect(throws: RedisError.self) {
                try await limiter.acquire("k", rate: rate, burst: 4, cost: 5)
            }
            #expect(error?.code == .invalidArgument)
        }
    }
}

@Suite("RedisRateLimiter, several budgets")
struct RedisRateLimiterBudgetsTests {
    @Test("a request refused by one budget spends none of the others")
    func allOrNothing() async throws {
        try await withSlowLimiter("ratelimit-all") { limiter, slow, _ in
            let wide = RedisRateLimiter.Budget(key: "tenant", rate: slow, burst: 10)
            let narrow = RedisRateLimiter.Budget(key: "client", rate: slow, burst: 2)
            let decisions = try await (0..<4).asyncMap { _ in try await limiter.acquire(all: [wide, narrow]) }
            #expect(decisions.map(\.allowed) == [true, true, false, false])
            #expect(decisions[1].remaining == 0)
            #expect(decisions[2].retryAfter > .seconds(50))
            // The tenant budget paid for the two admitted requests only.
            #expect(try await limiter.acquire("tenant", rate: slow, burst: 10).remaining == 7)
        }
    }
}

@Suite("RedisRateLimiter, requests decided together")
struct RedisRateLimiterDemandTests {
    @Test("a demand of 8 against a burst of 5 admits the first 5, each seeing what is left after it, as one by one would")
    func demandAdmitsWhatFits() async throws {
        try await withSlowLimiter("ratelimit-demand") { limiter, slow, _ in
            let budgets = [RedisRateLimiter.Budget(key: "client", rate: slow, burst: 5)]
            let grant = try #require(try await limiter.acquire([.init(budgets: budgets, count: 8)]).first)
            #expect(grant.admitted == 5)
            #expect(grant.remaining == [5, 4, 3, 2, 1, 0])
            #expect((0..<8).map { grant.decision($0).allowed } == [true, true, true, true, true, false, false, false])
            #expect((0..<5).map { grant.decision($0).remaining } == [4, 3, 2, 1, 0])
            #expect(grant.decision(6).retryAfter > .seconds(50))
            // The budget was spent by the 5 admitted requests only.
            #expect(try await limiter.acquire(all: budgets).allowed == false)
        }
    }

    @Test("several demands in one round trip are each decided on their own budgets, atomically")
    func demandsArePipelined() async throws {
        try await withSlowLimiter("ratelimit-demands") { limiter, slow, pool in
            let tenant = RedisRateLimiter.Budget(key: "tenant", rate: slow, burst: 6)
            let alice = RedisRateLimiter.Budget(key: "alice", rate: slow, burst: 4)
            let bob = RedisRateLimiter.Budget(key: "bob", rate: slow, burst: 4)
            // Script cache emptied first: the runs that meet NOSCRIPT are sent again, once each.
            try await pool.send(["SCRIPT", "FLUSH"])
            let grants = try await limiter.acquire([
                .init(budgets: [tenant, alice], count: 3),
                .init(budgets: [tenant, bob], count: 5),
            ])
            #expect(grants.map(\.admitted) == [3, 3])
            // The tenant's 6 went to alice's 3 and bob's first 3; bob's own budget kept one.
            #expect(try await limiter.acquire("bob", rate: slow, burst: 4).remaining == 0)
            #expect(try await limiter.acquire("alice", rate: slow, burst: 4).remaining == 0)
            let error = await #expect(throws: RedisError.self) {
                try await limiter.acquire([.init(budgets: [tenant], count: 0)])
            }
            #expect(error?.code == .invalidArgument)
        }
    }
}

/// A limiter on a fresh key prefix, with a rate slow enough that nothing refills during a test.
private func withSlowLimiter(
    _ name: String, _ body: (RedisRateLimiter, RedisRateLimiter.Rate, RedisPool) async throws -> Void
) async throws {
    try await TestRedis.withPrefix(name) { pool, prefix in
        try await body(RedisRateLimiter(pool: pool, keyPrefix: prefix), RedisRateLimiter.Rate(1, per: .seconds(60)), pool)
    }
}

private extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
