import AMQP
import FieldOpsCore
import Foundation
import Postgres
import Redis
import Telemetry

/// Where integration tests find the real services started by scripts/services.sh, with the same
/// defaults as scripts/env.sh.
public enum TestServices {
    public static let environment = Environment.process()

    public static var postgresURL: String {
        environment.string("FIELDOPS_TEST_POSTGRES_URL", default: "postgresql://fieldops:fieldops-local@127.0.0.1:25432/fieldops_test")
    }

    public static var amqpURL: String {
        environment.string("FIELDOPS_AMQP_URL", default: "amqp://fieldops:fieldops-local@127.0.0.1:25672/%2F")
    }

    public static var redisURL: String {
        environment.string("FIELDOPS_REDIS_URL", default: "redis://127.0.0.1:26379/0")
    }

    /// The repository root, for topology and migration files.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Logs of code under test are kept in memory, out of the test report.
    public static let logger = Logger(label: "tests", level: .warning, sink: MemoryLogSink())

    /// A name no other test uses, e.g. `jobs-3f2a9c1e`.
    public static func uniqueName(_ prefix: String) -> String {
        prefix + "-" + UUID().uuidString.prefix(8).lowercased()
    }

    public static func postgresPool(maxConnections: Int = 8) throws -> PostgresPool {
        let configuration = try PostgresConfiguration(
            url: postgresURL, applicationName: "fieldops-tests", pool: .init(maxConnections: maxConnections)
        )
        return PostgresPool(configuration: configuration, logger: logger)
    }

    /// A pool on the test database with the control-plane migrations applied (concurrent suites
    /// serialise on the migrator's advisory lock).
    public static func controlPlanePool() async throws -> PostgresPool {
        let pool = try postgresPool()
        let migrations = try PostgresMigration.load(directory: repositoryRoot.appendingPathComponent("migrations/control").path)
        try await PostgresMigrator(migrations: migrations, table: "schema_migrations_control", logger: logger).migrate(pool: pool)
        return pool
    }

    public static func redisPool() throws -> RedisPool {
        RedisPool(configuration: try RedisConfiguration(url: redisURL), logger: logger)
    }

    public static func amqpConnection(name: String = "fieldops-tests") async throws -> AMQPConnection {
        var configuration = try AMQPConfiguration(url: amqpURL)
        configuration.connectionName = name
        return try await AMQPConnection.connect(configuration: configuration, logger: logger)
    }

    /// A pool on the test database with the tenant migrations applied (the `inbox` table, ...).
    public static func tenantPool() async throws -> PostgresPool {
        let pool = try postgresPool()
        let migrations = try PostgresMigration.load(directory: repositoryRoot.appendingPathComponent("migrations/tenant").path)
        try await PostgresMigrator(migrations: migrations, table: "schema_migrations_tenant", logger: logger).migrate(pool: pool)
        return pool
    }
}
