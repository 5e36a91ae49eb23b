/// Rate limiting with GCRA (generic cell rate algorithm), atomic in one Lua script per request.
///
/// Each key stores one number, its theoretical arrival time (TAT). A request of `cost` is admitted
/// when `TAT + cost × interval − burst × interval ≤ now`, which lets `burst` requests through at once
/// and then one per `interval`. The script reads the clock with Redis `TIME`, so every client
/// shares one clock and concurrent requests are serialised by Redis itself.
///
/// Requests that arrive together can be decided together (`acquire(_:)` with a `Demand` of
/// `count` requests): the script then admits as many as fit, exactly as if they had arrived one
/// after another at that instant, in one script run, and many demands share one round trip.
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
        try await acquire([Demand(budgets: budgets, count: 1)])[0].decision(0)
    }

    /// `count` requests against the same budgets, decided together.
    public struct Demand: Sendable, Hashable {
        public let budgets: [Budget]
        public let count: Int

        public init(budgets: [Budget], count: Int) {
            self.budgets = budgets
            self.count = count
        }
    }

    /// What a demand got: its first `admitted` requests are admitted, the others refused.
    public struct Grant: Sendable, Hashable {
        public let admitted: Int
        /// Zero when all were admitted; otherwise how long until the first refused one would be.
        public let retryAfter: Duration
        /// `remaining[j]`: requests of cost 1 still admissible after the first `j` admitted ones
        /// (`admitted + 1` entries).
        public let remaining: [Int]

        /// The decision of the demand's request `index` (0-based), as if decided on its own in turn.
        public func decision(_ index: Int) -> Decision {
            index < admitted
                ? Decision(allowed: true, retryAfter: .zero, remaining: remaining[index + 1])
                : Decision(allowed: false, retryAfter: retryAfter, remaining: remaining[admitted])
        }
    }

    /// Decides every demand, each atomically (all its budgets or none), in one pipelined round trip.
    public func acquire(_ demands: [Demand]) async throws -> [Grant] {
        let invocations = try demands.map { demand in
            (keys: demand.budgets.map { RedisArgument(keyPrefix + $0.key) }, arguments: try Self.arguments(demand))
        }
        let replies = try await pool.withConnection { connection throws(RedisError) in
            try await connection.evaluate(Self.script, each: invocations)
        }
        return try zip(demands, replies).map { demand, reply in
            guard let parts = try reply.throwingServerError().array, parts.count == 3,
                  let admitted = parts[0].int, let retryMicroseconds = parts[1].int,
                  let remaining = parts[2].array?.compactMap(\.int),
                  (0...demand.count).contains(admitted), remaining.count == admitted + 1
            else { throw RedisError(.unexpectedReply, "rate limit script returned \(reply)") }
            return Grant(admitted: admitted, retryAfter: .microseconds(retryMicroseconds), remaining: remaining)
        }
    }

    /// ARGV: the request count, then interval (µs), burst and cost of each budget.
    private static func arguments(_ demand: Demand) throws(RedisError) -> [RedisArgument] {
        guard !demand.budgets.isEmpty, demand.count >= 1 else {
            throw RedisError(.invalidArgument, "rate limit needs at least one budget and one request")
        }
        var arguments = [RedisArgument(demand.count)]
        for budget in demand.budgets {
            let (rate, burst, cost) = (budget.rate, budget.burst, budget.cost)
            guard rate.count > 0, rate.period > .zero, burst >= 1, cost >= 1, cost <= burst else {
                throw RedisError(.invalidArgument, "rate limit needs count > 0, period > 0 and 1 ≤ cost (\(cost)) ≤ burst (\(burst))")
            }
            let intervalMicroseconds = Double(rate.emissionInterval.components.seconds) * 1e6
                + Double(rate.emissionInterval.components.attoseconds) / 1e12
            arguments += [RedisArgument(intervalMicroseconds), RedisArgument(burst), RedisArgument(cost)]
        }
        return arguments
    }

    /// GCRA over every key for `count` requests; times in microseconds. Admits the longest prefix of
    /// the requests that every budget admits, moves each TAT past the admitted ones only, and
    /// returns {admitted, wait for the next, remaining after each admitted one}. A TAT key expires
    /// when it no longer holds back anything.
    static let script = RedisScript("""
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
        local count = tonumber(ARGV[1])
        local budgets = {}
        local admitted = count
        for i, key in ipairs(KEYS) do
            local interval = tonumber(ARGV[i * 3 - 1])
            local burst = tonumber(ARGV[i * 3])
            local cost = tonumber(ARGV[i * 3 + 1])
            local tat = tonumber(redis.call('GET', key)) or now
            if tat < now then tat = now end
            -- request j (1-based) fits while tat + j * cost * interval - burst * interval <= now;
            -- the floor is checked both ways so float rounding cannot add or lose one.
            local fits = math.floor((now + burst * interval - tat) / (cost * interval))
            while fits < count and tat + (fits + 1) * cost * interval - burst * interval <= now do fits = fits + 1 end
            while fits > 0 and tat + fits * cost * interval - burst * interval > now do fits = fits - 1 end
            if fits < admitted then admitted = math.max(0, fits) end
            budgets[i] = {key, interval, burst, cost, tat}
        end
        local remaining = {}
        for j = 0, admitted do
            local left = math.huge
            for _, b in ipairs(budgets) do
                local interval, burst, cost, tat = b[2], b[3], b[4], b[5]
                left = math.min(left, math.max(0, math.floor((now + burst * interval - tat - j * cost * interval) / interval)))
            end
            remaining[j + 1] = left
        end
        local wait = 0
        if admitted < count then
            for _, b in ipairs(budgets) do
                local interval, burst, cost, tat = b[2], b[3], b[4], b[5]
                local allowAt = tat + (admitted + 1) * cost * interval - burst * interval
                if allowAt > now then wait = math.max(wait, math.ceil(allowAt - now)) end
            end
        end
        if admitted > 0 then
            for _, b in ipairs(budgets) do
                local newTat = b[5] + admitted * b[4] * b[2]
                redis.call('SET', b[1], string.format('%.0f', newTat), 'PX', math.max(1, math.ceil((newTat - now) / 1000)))
            end
        end
        return {admitted, wait, remaining}
        """)
}
