import AMQP
import BlobStore
import FieldOpsCore
import GPSIngest
import HTTPServer
import Identity
import Postgres
import Redis
import Telemetry
import Tenancy

/// Everything the gateway is configured with, read once from the environment at start-up.
public struct GatewayConfiguration: Sendable {
    public var http: HTTPServerConfiguration
    public var logLevel: Logger.Level
    /// How long in-flight requests may take to finish after SIGTERM.
    public var shutdownGracePeriod: Duration
    public var postgres: PostgresConfiguration
    public var redis: RedisConfiguration
    public var amqp: AMQPConfiguration
    public var tokens: TokenSettings
    public var rateLimits: RateLimitSettings
    /// Where tenant databases live and how their pools are kept.
    public var tenancy: TenancyConfiguration
    /// How GPS positions are validated and where they are published.
    public var gps: GPSIngestConfiguration
    public var blobs: BlobStoreConfiguration
    /// Photo uploads: the limits and how blob links are signed.
    public var photos: PhotoUploadSettings
    /// The web console's folder (`FIELDOPS_CONSOLE_DIR`), served under `/console/`.
    public var consoleFolder: String

    static let prefix = "FIELDOPS_GATEWAY_"

    public init(environment: Environment) throws {
        http = try HTTPServerConfiguration(
            environment: environment, prefix: Self.prefix, defaults: HTTPServerConfiguration(port: 8080)
        )
        logLevel = try environment.logLevel(Self.prefix + "LOG_LEVEL")
        shutdownGracePeriod = try environment.milliseconds(Self.prefix + "SHUTDOWN_GRACE_MS", default: .seconds(10))
        postgres = try PostgresConfiguration(environment: environment)
        postgres.applicationName = "gateway"
        redis = try RedisConfiguration(environment: environment)
        amqp = try AMQPConfiguration(environment: environment, connectionName: "gateway")
        tokens = try TokenSettings(environment: environment)
        rateLimits = try RateLimitSettings(environment: environment)
        tenancy = try TenancyConfiguration(environment: environment)
        gps = try GPSIngestConfiguration(environment: environment)
        blobs = try BlobStoreConfiguration(environment: environment)
        photos = try PhotoUploadSettings(environment: environment)
        consoleFolder = environment.string("FIELDOPS_CONSOLE_DIR", default: "console")
    }
}

/// How access and refresh tokens are signed and how long they live.
public struct TokenSettings: Sendable {
    public var signingKey: TokenSigningKey
    public var issuer: String
    public var audience: String
    public var accessLifetime: Duration
    public var refreshLifetime: Duration

    public init(signingKey: TokenSigningKey, issuer: String = "fieldops360", audience: String = "fieldops-api",
                accessLifetime: Duration = .seconds(600), refreshLifetime: Duration = .seconds(30 * 24 * 3600)) {
        self.signingKey = signingKey
        self.issuer = issuer
        self.audience = audience
        self.accessLifetime = accessLifetime
        self.refreshLifetime = refreshLifetime
    }

    /// `FIELDOPS_TOKEN_SIGNING_SEED` (64 hex characters, a secret), `_KEY_ID`, `_ISSUER`, `_AUDIENCE`,
    /// `FIELDOPS_ACCESS_TOKEN_TTL_SECONDS` (≤ 900), `FIELDOPS_REFRESH_TOKEN_TTL_SECONDS`.
    public init(environment: Environment) throws {
        guard let seed = environment.string("FIELDOPS_TOKEN_SIGNING_SEED") else {
            throw ConfigurationError(variable: "FIELDOPS_TOKEN_SIGNING_SEED", value: "", expected: "64 hexadecimal characters (a secret)")
        }
        let key: TokenSigningKey
        do {
            key = try TokenSigningKey(keyID: environment.string("FIELDOPS_TOKEN_KEY_ID", default: "k1"), hexSeed: seed)
        } catch {
            throw ConfigurationError(variable: "FIELDOPS_TOKEN_SIGNING_SEED", value: "(hidden)", expected: "64 hexadecimal characters")
        }
        let access = try environment.int("FIELDOPS_ACCESS_TOKEN_TTL_SECONDS", default: 600)
        guard (1...900).contains(access) else {
            throw ConfigurationError(variable: "FIELDOPS_ACCESS_TOKEN_TTL_SECONDS", value: "\(access)", expected: "1 to 900 seconds")
        }
        self.init(
            signingKey: key, issuer: environment.string("FIELDOPS_TOKEN_ISSUER", default: "fieldops360"),
            audience: environment.string("FIELDOPS_TOKEN_AUDIENCE", default: "fieldops-api"), accessLifetime: .seconds(access),
            refreshLifetime: .seconds(try environment.int("FIELDOPS_REFRESH_TOKEN_TTL_SECONDS", default: 30 * 24 * 3600))
        )
    }
}

/// Request budgets enforced in Redis: one per tenant (protects the platform from one customer) and
/// one per client within it (protects a tenant from one runaway integration).
public struct RateLimitSettings: Sendable {
    public var tenantPerSecond: Int
    public var tenantBurst: Int
    public var clientPerSecond: Int
    public var clientBurst: Int

    public init(tenantPerSecond: Int = 500, tenantBurst: Int = 1000, clientPerSecond: Int = 100, clientBurst: Int = 200) {
        self.tenantPerSecond = tenantPerSecond
        self.tenantBurst = tenantBurst
        self.clientPerSecond = clientPerSecond
        self.clientBurst = clientBurst
    }

    /// `FIELDOPS_RATE_LIMIT_TENANT_PER_SECOND`, `_TENANT_BURST`, `_CLIENT_PER_SECOND`, `_CLIENT_BURST`.
    public init(environment: Environment) throws(ConfigurationError) {
        let defaults = RateLimitSettings()
        self.init(
            tenantPerSecond: try environment.int("FIELDOPS_RATE_LIMIT_TENANT_PER_SECOND", default: defaults.tenantPerSecond),
            tenantBurst: try environment.int("FIELDOPS_RATE_LIMIT_TENANT_BURST", default: defaults.tenantBurst),
            clientPerSecond: try environment.int("FIELDOPS_RATE_LIMIT_CLIENT_PER_SECOND", default: defaults.clientPerSecond),
            clientBurst: try environment.int("FIELDOPS_RATE_LIMIT_CLIENT_BURST", default: defaults.clientBurst)
        )
    }
}
