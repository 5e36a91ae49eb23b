import AMQP
import BlobStore
import HTTPServer
import Identity
import Mesh
import Postgres
import Redis
import Telemetry
import Tenancy

/// The clients the gateway holds for its lifetime, and how `/readyz` asks each one.
public final class GatewayServices: Sendable {
    public let postgres: PostgresPool
    public let redis: RedisPool
    public let broker: BrokerLink
    /// Each tenant's own database, reached through the control plane's placement.
    public let tenants: TenantDatabases
    public let passwords: PasswordHasher
    /// Provisions tenants for the platform administrators' API.
    public let provisioner: TenantProvisioner
    /// Rendered reports, photos and documents.
    public let blobs: any BlobStore

    public init(configuration: GatewayConfiguration, logger: Logger) throws {
        postgres = PostgresPool(configuration: configuration.postgres, logger: logger)
        redis = RedisPool(configuration: configuration.redis, logger: logger)
        broker = BrokerLink(configuration: configuration.amqp, logger: logger)
        tenants = TenantDatabases(controlPlane: postgres, configuration: configuration.tenancy, logger: logger)
        passwords = try PasswordHasher()
        provisioner = try TenantProvisioner(controlPlane: postgres, configuration: configuration.tenancy, logger: logger)
        blobs = configuration.blobs.makeStore()
    }

    public var readinessChecks: [ReadinessCheck] {
        [
            ReadinessCheck(name: "postgres") { [postgres] in (try? await postgres.query("SELECT 1")) != nil },
            ReadinessCheck(name: "redis") { [redis] in (try? await redis.send(["PING"]))?.string == "PONG" },
            ReadinessCheck(name: "rabbitmq") { [broker] in broker.isReady },
        ]
    }

    /// Closes in the reverse order of use: the broker, then the caches, then the databases.
    public func close() async {
        await broker.close()
        await redis.close()
        await tenants.close()
        await postgres.close()
    }
}
