import AMQP
import FieldOpsCore
import HTTPServer
import Mesh
import Postgres
import Telemetry
import Tenancy

/// What every worker process reads from the environment at start-up, whatever its queue.
public struct WorkerHostConfiguration: Sendable {
    public var worker: WorkerConfiguration
    public var amqp: AMQPConfiguration
    /// The control plane, where jobs are advanced.
    public var controlPlane: PostgresConfiguration
    public var admin: HTTPServerConfiguration
    public var logLevel: Logger.Level
    /// How tenant databases are reached (`TenancyConfiguration`).
    public var tenancy: TenancyConfiguration

    /// `FIELDOPS_WORKER_*` (see `WorkerConfiguration`), `FIELDOPS_AMQP_URL`, `FIELDOPS_POSTGRES_URL`,
    /// `FIELDOPS_WORKER_ADMIN_PORT` (the admin HTTP port), `FIELDOPS_WORKER_LOG_LEVEL`, and the
    /// tenancy variables (`FIELDOPS_TENANT_SECRETS_KEY`, `FIELDOPS_DATABASE_SERVERS`, …).
    public init(queue: String, name: String, environment: Environment) throws {
        worker = try WorkerConfiguration(queue: queue, environment: environment)
        amqp = try AMQPConfiguration(environment: environment, connectionName: name)
        controlPlane = try PostgresConfiguration(environment: environment)
        controlPlane.applicationName = name
        // The admin port serves three tiny routes: one thread is plenty.
        admin = try HTTPServerConfiguration(
            environment: environment, prefix: "FIELDOPS_WORKER_ADMIN_",
            defaults: HTTPServerConfiguration(port: 9090, threads: 1)
        )
        logLevel = try environment.logLevel("FIELDOPS_WORKER_LOG_LEVEL")
        tenancy = try TenancyConfiguration(environment: environment)
    }
}
