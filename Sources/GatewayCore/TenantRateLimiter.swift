import FieldOpsCore
import HTTPServer
import Identity
import Redis

/// Two budgets per request, both in Redis: the tenant's (shared by all its users and
/// integrations) and the client's within it. Over budget → `429` with `Retry-After`.
///
/// Requests that arrive together are decided together: the batch goes to Redis in one pipelined
/// round trip, with one GCRA script run per client in it, which admits exactly as many of that
/// client's requests as would have been admitted one by one (see `RedisRateLimiter.Demand`).
/// Limits are exact; what batching changes is only the order among requests of the same instant.
///
/// Redis unreachable → the request is let through: a cache outage must not take the API down,
/// and PostgreSQL stays protected by its connection pool.
public struct TenantRateLimiter: Sendable {
    private let settings: RateLimitSettings
    private let batcher: RequestBatcher<[RedisRateLimiter.Budget], Result<RedisRateLimiter.Decision, any Error>>

    public init(redis: RedisPool, settings: RateLimitSettings) {
        let limiter = RedisRateLimiter(pool: redis, keyPrefix: "ratelimit:")
        self.settings = settings
        // One batch in flight, as for job submissions: larger batches, less work per request.
        batcher = RequestBatcher(purpose: "rate limit batches", maxBatchSize: 256, concurrency: 1) { requests in
            await Self.decide(requests, with: limiter)
        }
    }

    /// The request's logger is built only when there is something to log.
    public func admit(_ claims: AccessClaims, for request: HTTPRequest) async throws(HTTPError) {
        let tenant = claims.tenant ?? "platform"
        let budgets: [RedisRateLimiter.Budget] = [
            .init(key: "tenant:\(tenant)", rate: .init(settings.tenantPerSecond, per: .seconds(1)), burst: settings.tenantBurst),
            .init(key: "client:\(tenant):\(claims.subject)", rate: .init(settings.clientPerSecond, per: .seconds(1)), burst: settings.clientBurst),
        ]
        let decision: RedisRateLimiter.Decision
        switch await batcher.submit(budgets) {
        case .success(let decided):
            decision = decided
        case .failure(let error):
            request.logger.warning("rate limiter unavailable; request admitted", ["error": "\(error)"])
            return
        }
        guard decision.allowed else {
            throw HTTPError(
                ProblemDetails(status: 429, title: "Too Many Requests", detail: "The request budget of this tenant or client is spent."),
                headers: ["Retry-After": String(max(1, decision.retryAfter.wholeSecondsRoundedUp))]
            )
        }
    }

    /// One demand per distinct set of budgets (a client), in order of first arrival; within a
    /// demand, requests are admitted in arrival order.
    private static func decide(
        _ requests: [[RedisRateLimiter.Budget]], with limiter: RedisRateLimiter
    ) async -> [Result<RedisRateLimiter.Decision, any Error>] {
        var demandOf: [[RedisRateLimiter.Budget]: Int] = [:]
        var demands: [RedisRateLimiter.Demand] = []
        // Each request's demand and its position within it.
        var places: [(demand: Int, position: Int)] = []
        places.reserveCapacity(requests.count)
        for budgets in requests {
            if let index = demandOf[budgets] {
                places.append((index, demands[index].count))
                demands[index] = RedisRateLimiter.Demand(budgets: budgets, count: demands[index].count + 1)
            } else {
                demandOf[budgets] = demands.count
                places.append((demands.count, 0))
                demands.append(RedisRateLimiter.Demand(budgets: budgets, count: 1))
            }
        }
        do {
            let grants = try await limiter.acquire(demands)
            return places.map { .success(grants[$0.demand].decision($0.position)) }
        } catch {
            return Array(repeating: .failure(error), count: requests.count)
        }
    }
}
