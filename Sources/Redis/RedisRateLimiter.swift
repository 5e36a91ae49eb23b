/// Rate limiting with GCRA (generic cell rate algorithm), atomic in one Lua script per request.
///
/// Each key stores one number, its theoretical arrival time (TAT). A request of `cost` is admitted
/// when `TAT + cost × interval − burst × interval ≤ now`, which lets `burst` requests through at once
/// and then one per `interval`. The script reads the clock with Redis `TIME`, so every client
/// shares one clock and concurrent requests are serialised by Redis itself.
public struct RedisRateLimiter: Sendable {
    /// `count` requests per `period` on average (e.g. `Rate(10, per: .seconds(1))`).
    public struct Rate: Sendable, Hashable {
        public let count: Int
        public let period: Duration

        public init(_ count: Int, per period: Duration) {
            self.count = count
            self.period = period
        }

        /// Time between two requests at the steady rate.
        public var emissionInterval: Duration { period / count }
    }

    public struct Decision: Sendable, Hashable {
        public let allowed: Bool
        /// Zero when allowed; otherwise how long until the same request would be allowed.
        public let retryAfter: Duration
        /// Requests of cost 1 that would still be admitted right now.
        public let remaining: Int
    }

    public let pool: RedisPool
    public let keyPrefix: String

    public init(pool: RedisPool, keyPrefix: String = "ratelimit:") {
        self.pool = pool
        self.keyPrefix = keyPrefix
    }

    /// One budget to spend from: `cost` requests against `rate`, with bursts of up to `burst`.
    public struct Budget: Sendable, Hashable {
        public let key: String
        public let rate: Rate
        public let burst: Int
        public let cost: Int

        public init(key: String, rate: Rate, burst: Int, cost: Int = 1) {
            self.key = key
            self.rate = rate
            self.burst = burst
            self.cost = cost
        }
    }

    public func acquire(_ key: String, rate: Rate, burst: Int, cost: Int = 1) async throws -> Decision {
        try await acquire(all: [Budget(key: key, rate: rate, burst: burst, cost: cost)])
    }

    /// Spends from every budget or from none, atomically in one round trip: a request that one
    /// budget refuses does not use up the others. When refused, `retryAfter` is the longest wait
    /// among the refusing budgets; `remaining` is the smallest left.
    public func acquire(all budgets: [Budget]) async throws -> Decision {
        guard !budgets.isEmpty else { throw RedisError(.invalidArgument, "rate limit needs at least one budget") }
        var arguments: [RedisArgument] = []
        for budget in budgets {
            let (rate, burst, cost) = (budget.rate, budget.burst, budget.cost)
            guard rate.count > 0, rate.period > .zero, burst >= 1, cost >= 1, cost <= burst else {
                throw RedisError(.invalidArgument, "rate limit needs count > 0, period > 0 and 1 ≤ cost (\(cost)) ≤ burst (\(burst))")
            }
            let intervalMicroseconds = Double(rate.emissionInterval.components.seconds) * 1e6
                + Double(rate.emissionInterval.components.attoseconds) / 1e12
            arguments += [RedisArgument(intervalMicroseconds), RedisArgument(burst), RedisArgument(cost)]
        }
        let reply = try await pool.evaluate(Self.script, keys: budgets.map { RedisArgument(keyPrefix + $0.key) }, arguments: arguments)
        guard let parts = reply.array, parts.count == 3,
              let allowed = parts[0].int, let retryMicroseconds = parts[1].int, let remaining = parts[2].int
        else { throw RedisError(.unexpectedReply, "rate limit script returned \(reply)") }
        return Decision(allowed: allowed == 1, retryAfter: .microseconds(retryMicroseconds), remaining: remaining)
    }

    /// GCRA over every key; times in microseconds. A TAT key expires when it no longer holds back
    /// anything. Nothing is written unless every budget admits the request.
    static let script = RedisScript("""
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
        local admitted, wait = 1, 0
        local leftNow, leftAfter = math.huge, math.huge
        local updates = {}
        for i, key in ipairs(KEYS) do
            local interval = tonumber(ARGV[i * 3 - 2])
            local burst = tonumber(ARGV[i * 3 - 1])
            local cost = tonumber(ARGV[i * 3])
            local tat = tonumber(redis.call('GET', key)) or now
            if tat < now then tat = now end
            local newTat = tat + cost * interval
            local allowAt = newTat - burst * interval
            leftNow = math.min(leftNow, math.max(0, math.floor((now + burst * interval - tat) / interval)))
            if allowAt > now then
                admitted = 0
                wait = math.max(wait, math.ceil(allowAt - now))
            else
                leftAfter = math.min(leftAfter, math.floor((now + burst * interval - newTat) / interval))
                updates[#updates + 1] = {key, newTat}
            end
        end
        if admitted == 0 then return {0, wait, leftNow} end
        for _, update in ipairs(updates) do
            redis.call('SET', update[1], string.format('%.0f', update[2]), 'PX', math.max(1, math.ceil((update[2] - now) / 1000)))
        end
        return {1, 0, leftAfter}
        """)
}
