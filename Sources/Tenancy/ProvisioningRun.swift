import FieldOpsCore
import FieldOpsCrypto
import Postgres
import Telemetry

/// One provisioning run of one tenant: performs the steps not done yet, records each, and keeps
/// the connections it opened (the server's admin, the tenant's own) until `close`.
final class ProvisioningRun {
    private let tenant: Tenant
    private let server: DatabaseServer
    private let password: String
    private let migrations: [PostgresMigration]
    private let referenceData: PostgresMigration
    private let catalog: TenantCatalog
    private let journal: ProvisioningJournal
    private let logger: Logger
    private var administration: ServerAdministration?
    private var tenantConnection: PostgresConnection?
    /// Set by the invite step.
    private(set) var inviteToken: String?

    init(
        tenant: Tenant, server: DatabaseServer, password: String, migrations: [PostgresMigration],
        referenceData: PostgresMigration, catalog: TenantCatalog, logger: Logger
    ) {
        self.tenant = tenant
        self.server = server
        self.password = password
        self.migrations = migrations
        self.referenceData = referenceData
        self.catalog = catalog
        journal = ProvisioningJournal(pool: catalog.pool, tenant: tenant.id)
        self.logger = logger.with("tenant", tenant.slug)
    }

    func perform(progress: (ProvisioningStepReport) -> Void) async throws -> [ProvisioningStepReport] {
        let completed = try await journal.completedSteps()
        var reports: [ProvisioningStepReport] = []
        for step in ProvisioningStep.allCases {
            let started = ContinuousClock.now
            if completed.contains(step), step != .inviteAdmin {
                let report = ProvisioningStepReport(step: step, outcome: .skipped, detail: "done by an earlier run", duration: .zero)
                reports.append(report)
                progress(report)
                continue
            }
            try await journal.record(step, "running")
            let detail: String
            do {
                detail = try await perform(step)
            } catch {
                // The detail is for operators; it holds SQL text and server messages, never the password.
                let reason = String(describing: error)
                try? await journal.record(step, "failed", detail: reason)
                progress(ProvisioningStepReport(step: step, outcome: .failed, detail: reason, duration: .now - started))
                logger.warning("tenant provisioning step failed", ["step": step.rawValue, "error": reason])
                throw TenancyError(code: .stepFailed, message: "provisioning \(tenant.slug): step \(step.rawValue) failed: \(reason)")
            }
            try await journal.record(step, "done", detail: detail)
            let report = ProvisioningStepReport(step: step, outcome: .done, detail: detail, duration: .now - started)
            logger.info("tenant provisioning step done", ["step": step.rawValue, "duration_ms": String(report.duration.wholeMilliseconds)])
            reports.append(report)
            progress(report)
        }
        return reports
    }

    func close() async {
        await administration?.close()
        await tenantConnection?.close()
        administration = nil
        tenantConnection = nil
    }

    private func perform(_ step: ProvisioningStep) async throws -> String {
        let placement = tenant.placement
        switch step {
        case .createRole:
            try await admin().ensureLoginRole(placement.roleName, password: password)
            return "login role \(placement.roleName) on \(server.name)"
        case .createDatabase:
            try await admin().ensureDatabase(placement.databaseName, owner: placement.roleName)
            return "database \(placement.databaseName) on \(server.name), owned by \(placement.roleName)"
        case .revokePublicConnect:
            try await admin().revokePublicConnect(placement.databaseName)
            return "CONNECT and TEMPORARY revoked from PUBLIC on \(placement.databaseName)"
        case .migrate:
            let applied = try await PostgresMigrator(migrations: migrations, logger: logger).migrate(connection: try ownConnection())
            return "\(applied.count) of \(migrations.count) tenant migrations applied now"
        case .loadReferenceData:
            let applied = try await PostgresMigrator(migrations: [referenceData], table: "reference_data_migrations", logger: logger)
                .migrate(connection: try ownConnection())
            return applied.isEmpty ? "\(tenant.sector.rawValue) reference data already loaded" : "\(tenant.sector.rawValue) reference data loaded"
        case .inviteAdmin:
            return try await inviteAdmin()
        case .activate:
            guard try await catalog.changeStatus(tenant.slug, to: .active, from: [.provisioning]) != nil else {
                throw TenancyError(code: .conflict, message: "tenant \(tenant.slug) left the provisioning state during the run")
            }
            return "tenant active"
        }
    }

    /// Creates the invited admin, or gives a still-invited one a new token (the old one stops working).
    private func inviteAdmin() async throws -> String {
        let token = Hex.encode(SecureRandom.bytes(32))
        let invited = try await ownConnection().query("""
            INSERT INTO users (id, email, role, status, invite_token_hash, invite_expires_at)
            VALUES (gen_random_uuid(), lower(\(tenant.adminEmail)), 'tenant_admin', 'invited', \(SHA256.digest(Array(token.utf8))), now() + interval '7 days')
            ON CONFLICT (email) DO UPDATE SET invite_token_hash = EXCLUDED.invite_token_hash, invite_expires_at = EXCLUDED.invite_expires_at
            WHERE users.status = 'invited'
            RETURNING id
            """)
        guard !invited.isEmpty else { return "admin \(tenant.adminEmail) already accepted the invitation" }
        inviteToken = token
        return "admin \(tenant.adminEmail) invited"
    }

    private func admin() async throws -> ServerAdministration {
        if let administration { return administration }
        let opened = try await ServerAdministration.connect(server, logger: logger)
        administration = opened
        return opened
    }

    /// The tenant's own role on its own database: migrations and data belong to that role.
    private func ownConnection() async throws -> PostgresConnection {
        if let tenantConnection { return tenantConnection }
        let configuration = server.tenantConnectionConfiguration(tenant.placement, password: password)
        let opened = try await PostgresConnection.connect(configuration: configuration, logger: logger)
        tenantConnection = opened
        return opened
    }
}
