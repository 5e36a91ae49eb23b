import Domain
import HTTPServer
import Identity
import Jobs
import Redis
import Telemetry
import Tenancy

/// The gateway's routes over its services. Built once at start-up; tests build it the same way
/// against the real services.
public struct GatewayApplication: Sendable {
    public let router: Router

    public init(configuration: GatewayConfiguration, services: GatewayServices, metrics: MetricsRegistry, logger: Logger, openAPIDocument: [UInt8]) {
        let issuer = AccessTokenIssuer(
            key: configuration.tokens.signingKey, issuer: configuration.tokens.issuer,
            audience: configuration.tokens.audience, lifetime: configuration.tokens.accessLifetime
        )
        let authenticator = Authenticator(verifier: AccessTokenVerifier(issuer: issuer))
        let guarding = APIGuard(
            authenticator: authenticator,
            rateLimiter: TenantRateLimiter(redis: services.redis, settings: configuration.rateLimits),
            idempotency: IdempotentExecution(store: IdempotencyStore(
                pool: services.postgres, cache: RedisCache(pool: services.redis, keyPrefix: "gateway:"), logger: logger
            ))
        )
        let jobs = JobStore(pool: services.postgres)

        var router = Router()
        router.addOperationalRoutes(metrics: metrics, readiness: services.readinessChecks)
        router.get("/openapi.json") { _ in HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: openAPIDocument) }
        let accounts = UserAccounts(hasher: services.passwords)
        let routing = TenantRouting(guarding: guarding, tenants: services.tenants)
        AuthRoutes(
            issuer: issuer, refreshTokens: RefreshTokenStore(pool: services.postgres, lifetime: configuration.tokens.refreshLifetime),
            authenticator: authenticator, tenants: services.tenants, accounts: accounts, usage: TenantUsage(controlPlane: services.postgres)
        ).register(in: &router)
        // One submitter: it batches concurrent submissions into one insert and one confirm round.
        let submitter = JobSubmitter(jobs: jobs, broker: services.broker)
        JobRoutes(jobs: jobs, guarding: guarding).register(in: &router)
        let signals = PlanningSignals(broker: services.broker)
        for definition in ResourceCatalog.all {
            ResourceRoutes(definition: definition, routing: routing, afterCreate: signals.afterCreate(of: definition.name)).register(in: &router)
        }
        InterventionRoutes(routing: routing).register(in: &router)
        FieldRecordRoutes(routing: routing).register(in: &router)
        PhotoSettingsRoutes(routing: routing).register(in: &router)
        UserRoutes(routing: routing, accounts: accounts).register(in: &router)
        AuditRoutes(routing: routing).register(in: &router)
        DocumentRoutes(routing: routing, blobs: services.blobs).register(in: &router)
        ConsoleRoutes(folder: configuration.consoleFolder, logger: logger).register(in: &router)
        PlatformRoutes(guarding: guarding, provisioner: services.provisioner, tenants: services.tenants).register(in: &router)
        GPSRoutes(services: services, configuration: configuration.gps, guarding: guarding).register(in: &router)
        NotificationRoutes(tenants: services.tenants, hub: NotificationStreamHub(configuration: configuration.redis, logger: logger), guarding: guarding).register(in: &router)
        PlanningRoutes(routing: routing, submitter: submitter).register(in: &router)
        ReportRoutes(submitter: submitter, jobs: jobs, blobs: services.blobs, guarding: guarding).register(in: &router)
        KPIRoutes(tenants: services.tenants, cache: RedisCache(pool: services.redis, keyPrefix: "gateway:"), guarding: guarding).register(in: &router)
        PhotoRoutes(
            settings: configuration.photos, blobs: services.blobs, tenants: services.tenants,
            submitter: JobSubmitter(jobs: jobs, broker: services.broker), guarding: guarding
        ).register(in: &router)
        SignatureImageRoutes(routing: routing, settings: configuration.photos, blobs: services.blobs, submitter: submitter).register(in: &router)
        BlobRoutes(blobs: services.blobs, signer: configuration.photos.urlSigner).register(in: &router)
        self.router = router
    }
}
