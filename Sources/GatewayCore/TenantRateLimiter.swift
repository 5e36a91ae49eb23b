import FieldOpsCore
import HTTPServer
import Identity
import Redis
import Telemetry

/// Two budgets per request, both in Redis: the tenant's (shared by all its users and
/// integrations) and the client's within it. Over budget → `429` with `Retry-After`.
///
/// Redis unreachable → the request is let through: a cache outage must not take the API down,
/// and PostgreSQL stays protected by its connection pool.
public struct TenantRateLimiter: Sendable {
    private let limiter: RedisRateLimiter
    private let settings: RateLimitSettings

    public init(redis: RedisPool, settings: RateLimitSettings) {
        limiter = RedisRateLimiter(pool: redis, keyPrefix: "ratelimit:")
        self.settings = settings
    }

    public func admit(_ claims: AccessClaims, logger: Logger) async throws(HTTPError) {
        let tenant = claims.tenant ?? "platform"
        let decision: RedisRateLimiter.Decision
        do {
            decision = try await limiter.acquire(all: [
                .init(key: "tenant:\(tenant)", rate: .init(settings.tenantPerSecond, per: .seconds(1)), burst: settings.tenantBurst),
                .init(key: "client:\(tenant):\(claims.subject)", rate: .init(settings.clientPerSecond, per: .seconds(1)), burst: settings.clientBurst),
            ])
        } catch {
            logger.warning("rate limiter unavailable; request admitted", ["error": "\(error)"])
            return
        }
        guard decision.allowed else {
            throw HTTPError(
                ProblemDetails(status: 429, title: "Too Many Requests", detail: "The request budget of this tenant or client is spent."),
                headers: ["Retry-After": String(max(1, decision.retryAfter.wholeSecondsRoundedUp))]
            )
        }
    }
}
