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

    public func acquire(_ key: String, rate: Rate, burst: Int, cost: Int = 1) async throws -> Decision {
        guard rate.count > 0, rate.period > .zero, burst >= 1, cost >= 1, cost <= burst else {
            throw RedisError(.invalidArgument, "rate limit needs count > 0, period > 0 and 1 ≤ cost (\(cost)) ≤ burst (\(burst))")
        }
        let intervalMicroseconds = Double(rate.emissionInterval.components.seconds) * 1e6
            + Double(rate.emissionInterval.components.attoseconds) / 1e12
        let reply = try await pool.evaluate(
            Self.script,
            keys: [RedisArgument(keyPrefix + key)],
            arguments: [RedisArgument(intervalMicroseconds), RedisArgument(burst), RedisArgument(cost)]
        )
        guard let parts = reply.array, parts.count == 3,
              let allowed = parts[0].int, let retryMicroseconds = parts[1].int, let remaining = parts[2].int
        else { throw RedisError(.unexpectedReply, "rate limit script returned \(reply)") }
        return Decision(allowed: allowed == 1, retryAfter: .microseconds(retryMicroseconds), remaining: remaining)
    }

    /// Times in microseconds. The TAT key expires when it no longer holds back anything.
    static let script = RedisScript("""
        local interval = tonumber(ARGV[1])
        local burst = tonumber(ARGV[2])
        local cost = tonumber(ARGV[3])
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
        local tat = tonumber(redis.call('GET', KEYS[1])) or now
        if tat < now then tat = now end
        local newTat = tat + cost * interval
        local allowAt = newTat - burst * interval
        if allowAt > now then
            return {0, math.ceil(allowAt - now), math.max(0, math.floor((now + burst * interval - tat) / interval))}
        end
        redis.call('SET', KEYS[1], string.format('%.0f', newTat), 'PX', math.max(1, math.ceil((newTat - now) / 1000)))
        return {1, 0, math.floor((now + burst * interval - newTat) / interval)}
        """)
}
