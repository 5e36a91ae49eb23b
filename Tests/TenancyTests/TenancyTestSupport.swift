import Foundation
import FieldOpsCore
import FieldOpsCrypto
import Postgres
import Telemetry
import Tenancy
import TestSupport

/// The two local PostgreSQL servers and a control-plane database of this suite's own
/// (`fieldops_tenancy_test` on the first server), with the same defaults as scripts/env.sh.
enum TenancyTestServices {
    static let serverA = "pg-a"
    static let serverB = "pg-b"

    static var serversSetting: String {
        let environment = TestServices.environment
        let portB = environment.string("FIELDOPS_PG_B_PORT", default: "25433")
        return environment.string(
            "FIELDOPS_DATABASE_SERVERS",
            default: "pg-a=postgresql://fieldops:fieldops-local@127.0.0.1:25432/postgres,"
                + "pg-b=postgresql://fieldops:fieldops-local@127.0.0.1:\(portB)/postgres"
        )
    }

    static let secretsKey = TestServices.environment.string(
        "FIELDOPS_TENANT_SECRETS_KEY", default: "6669656c646f70732d74656e616e742d736563726574732d6c6f63616c2d6476"
    )

    static func configuration(maxTenantPools: Int = 8, placementTimeToLive: Duration = .seconds(30)) throws -> TenancyConfiguration {
        TenancyConfiguration(
            servers: try DatabaseServer.list(serversSetting), secrets: SecretBox(hexKey: secretsKey)!,
            tenantMigrationsDirectory: TestServices.repositoryRoot.appendingPathComponent("migrations/tenant").path,
            referenceDataDirectory: TestServices.repositoryRoot.appendingPathComponent("reference-data").path,
            tenantPoolSize: 2, maxTenantPools: maxTenantPools, placementTimeToLive: placementTimeToLive
        )
    }

    static func server(_ name: String) throws -> DatabaseServer {
        try DatabaseServer.list(serversSetting).first { $0.name == name }!
    }

    /// A connection to `database` on a server as its superuser, to look at what provisioning made.
    static func adminConnection(_ serverName: String, database: String = "postgres") async throws -> PostgresConnection {
        var configuration = try server(serverName).admin
        configuration.database = database
        return try await PostgresConnection.connect(configuration: configuration, logger: TestServices.logger)
    }

    /// A pool on the suite's control-plane database, created and migrated if needed.
    static func controlPlane() async throws -> PostgresPool {
        let database = "fieldops_tenancy_test"
        let admin = try await adminConnection(serverA)
        // Tests run in parallel: one creates the database while the others wait.
        try await admin.query("SELECT pg_advisory_lock(hashtextextended(\(database), 0))")
        if try await admin.query("SELECT 1 FROM pg_database WHERE datname = \(database)").isEmpty {
            try await admin.execute(script: "CREATE DATABASE \(database)")
        }
        await admin.close()
        var configuration = try server(serverA).admin
        configuration.database = database
        configuration.applicationName = "fieldops-tenancy-tests"
        let pool = PostgresPool(configuration: configuration, logger: TestServices.logger)
        let migrations = try PostgresMigration.load(directory: TestServices.repositoryRoot.appendingPathComponent("migrations/control").path)
        try await PostgresMigrator(migrations: migrations, logger: TestServices.logger).migrate(pool: pool)
        return pool
    }

    /// A slug no other test uses.
    static func uniqueSlug(_ prefix: String) -> String {
        TestServices.uniqueName(prefix)
    }
}

/// A provisioner on the suite's control plane that removes the tenants a test names afterwards,
/// whether the test passed or not.
struct ProvisionerFixture {
    let controlPlane: PostgresPool
    let provisioner: TenantProvisioner
    let configuration: TenancyConfiguration

    static func run(
        configuration: TenancyConfiguration? = nil, cleaning slugs: [String], _ body: (ProvisionerFixture) async throws -> Void
    ) async throws {
        let controlPlane = try await TenancyTestServices.controlPlane()
        let configuration = try configuration ?? TenancyTestServices.configuration()
        let fixture = ProvisionerFixture(
            controlPlane: controlPlane,
            provisioner: try TenantProvisioner(controlPlane: controlPlane, configuration: configuration, logger: TestServices.logger),
            configuration: configuration
        )
        let outcome: Result<Void, any Error>
        do {
            outcome = .success(try await body(fixture))
        } catch {
            outcome = .failure(error)
        }
        for slug in slugs where try await fixture.provisioner.find(slug) != nil {
            try await fixture.provisioner.abandon(slug)
        }
        await controlPlane.close()
        try outcome.get()
    }

    /// Provisions and prints how long it took.
    func provision(_ slug: String, sector: String = "btp", server: String? = nil) async throws -> ProvisioningResult {
        let result = try await provisioner.provision(
            slug: slug, name: "Entreprise \(slug)", sector: sector, adminEmail: "admin@\(slug).example", server: server
        )
        print("provisioned \(slug) (\(sector)) on \(result.tenant.placement.serverName) in \(result.duration.wholeMilliseconds) ms")
        return result
    }

    /// The tenant role's password, as the registry would read it.
    func password(of slug: String) async throws -> String {
        let sealed = try await controlPlane.query("SELECT role_password_sealed FROM tenants WHERE slug = \(slug)").decode([UInt8].self)[0]
        return String(decoding: configuration.secrets.open(sealed)!, as: UTF8.self)
    }
}
