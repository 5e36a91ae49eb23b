import HTTPServer
import Identity
import Jobs
import Redis
import Telemetry

/// The gateway's routes over its services. Built once at start-up; tests build it the same way
/// against the real services.
public struct GatewayApplication: Sendable {
    public let router: Router

    public init(configuration: GatewayConfiguration, services: GatewayServices, metrics: MetricsRegistry, logger: Logger, openAPIDocument: [UInt8]) {
        let issuer = AccessTokenIssuer(
            key: configuration.tokens.signingKey, issuer: configuration.tokens.issuer,
            audience: configuration.tokens.audience, lifetime: configuration.tokens.accessLifetime
        )
        let guarding = APIGuard(
            authenticator: Authenticator(verifier: AccessTokenVerifier(issuer: issuer)),
            rateLimiter: TenantRateLimiter(redis: services.redis, settings: configuration.rateLimits),
            idempotency: IdempotentExecution(store: IdempotencyStore(
                pool: services.postgres, cache: RedisCache(pool: services.redis, keyPrefix: "gateway:"), logger: logger
            ))
        )
        let jobs = JobStore(pool: services.postgres)

        var router = Router()
        router.addOperationalRoutes(metrics: metrics, readiness: services.readinessChecks)
        router.get("/openapi.json") { _ in HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: openAPIDocument) }
        AuthRoutes(issuer: issuer, refreshTokens: RefreshTokenStore(pool: services.postgres, lifetime: configuration.tokens.refreshLifetime))
            .register(in: &router)
        JobRoutes(jobs: jobs, guarding: guarding).register(in: &router)
        ReportRoutes(submitter: JobSubmitter(jobs: jobs, broker: services.broker), guarding: guarding).register(in: &router)
        PhotoRoutes(
            settings: configuration.photos, blobs: services.blobs, tenants: services.tenants,
            submitter: JobSubmitter(jobs: jobs, broker: services.broker), guarding: guarding
        ).register(in: &router)
        BlobRoutes(blobs: services.blobs, signer: configuration.photos.urlSigner).register(in: &router)
        self.router = router
    }
}
