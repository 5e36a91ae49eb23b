import FieldOpsCore
import FieldOpsCrypto
import Postgres

/// Settings of tenant provisioning and of the tenant database registry, read once at start-up.
public struct TenancyConfiguration: Sendable {
    /// Servers this process may provision on (with their admin logins). Empty in processes that only
    /// use tenant databases: they find servers' host and port in the control plane.
    public var servers: [DatabaseServer]
    /// Seals tenant role passwords in the control plane.
    public var secrets: SecretBox
    public var tenantMigrationsDirectory: String
    /// Holds `<sector>.sql` for each sector.
    public var referenceDataDirectory: String
    /// Connections per tenant pool.
    public var tenantPoolSize: Int
    /// Tenant pools kept open at once; the least recently used one is closed beyond it.
    public var maxTenantPools: Int
    /// How long a tenant's placement and status are trusted before the control plane is asked again
    /// (a suspension takes effect within this time).
    public var placementTimeToLive: Duration

    public init(
        servers: [DatabaseServer], secrets: SecretBox, tenantMigrationsDirectory: String = "migrations/tenant",
        referenceDataDirectory: String = "reference-data", tenantPoolSize: Int = 4, maxTenantPools: Int = 64,
        placementTimeToLive: Duration = .seconds(30)
    ) {
        precondition(tenantPoolSize > 0 && maxTenantPools > 0, "pool sizes must be positive")
        self.servers = servers
        self.secrets = secrets
        self.tenantMigrationsDirectory = tenantMigrationsDirectory
        self.referenceDataDirectory = referenceDataDirectory
        self.tenantPoolSize = tenantPoolSize
        self.maxTenantPools = maxTenantPools
        self.placementTimeToLive = placementTimeToLive
    }

    /// Reads FIELDOPS_TENANT_SECRETS_KEY (64 hex, required), FIELDOPS_DATABASE_SERVERS (`name=url,…`),
    /// FIELDOPS_TENANT_MIGRATIONS_DIR, FIELDOPS_REFERENCE_DATA_DIR, FIELDOPS_TENANT_POOL_SIZE,
    /// FIELDOPS_TENANT_MAX_POOLS and FIELDOPS_TENANT_PLACEMENT_TTL_MS.
    public init(environment: Environment) throws(ConfigurationError) {
        let keyVariable = "FIELDOPS_TENANT_SECRETS_KEY"
        guard let secrets = environment.string(keyVariable).flatMap(SecretBox.init(hexKey:)) else {
            throw ConfigurationError(variable: keyVariable, value: "(hidden)", expected: "\(2 * SecretBox.keyLength) hexadecimal characters")
        }
        let servers: [DatabaseServer]
        do {
            servers = try DatabaseServer.list(environment.string("FIELDOPS_DATABASE_SERVERS", default: ""))
        } catch {
            throw ConfigurationError(variable: "FIELDOPS_DATABASE_SERVERS", value: "(hidden: holds passwords)", expected: error.message)
        }
        let poolSize = try environment.int("FIELDOPS_TENANT_POOL_SIZE", default: 4)
        let maxPools = try environment.int("FIELDOPS_TENANT_MAX_POOLS", default: 64)
        for (variable, value) in [("FIELDOPS_TENANT_POOL_SIZE", poolSize), ("FIELDOPS_TENANT_MAX_POOLS", maxPools)] where value < 1 {
            throw ConfigurationError(variable: variable, value: String(value), expected: "a positive integer")
        }
        self.init(
            servers: servers, secrets: secrets,
            tenantMigrationsDirectory: environment.string("FIELDOPS_TENANT_MIGRATIONS_DIR", default: "migrations/tenant"),
            referenceDataDirectory: environment.string("FIELDOPS_REFERENCE_DATA_DIR", default: "reference-data"),
            tenantPoolSize: poolSize, maxTenantPools: maxPools,
            placementTimeToLive: try environment.milliseconds("FIELDOPS_TENANT_PLACEMENT_TTL_MS", default: .seconds(30))
        )
    }
}
