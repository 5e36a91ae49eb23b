#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FieldOpsCore
import FieldOpsCrypto
import Postgres
import Telemetry

/// Creates, suspends, resumes and removes tenants: the control-plane record, and on the tenant's
/// server its login role and database, migrated and loaded with the sector's reference data.
///
/// Provisioning is idempotent and resumable: each step is recorded, a rerun skips what is done, and
/// provisioning an active tenant again changes nothing. Runs for the same slug are serialised by an
/// advisory lock in the control plane.
public final class TenantProvisioner: Sendable {
    private let catalog: TenantCatalog
    private let configuration: TenancyConfiguration
    private let tenantMigrations: [PostgresMigration]
    private let referenceData: [TenantSector: PostgresMigration]
    private let logger: Logger

    /// Reads the tenant migrations and every sector's reference data now, so a missing file fails at
    /// start-up rather than halfway through a tenant.
    public init(controlPlane: PostgresPool, configuration: TenancyConfiguration, logger: Logger) throws {
        catalog = TenantCatalog(pool: controlPlane)
        self.configuration = configuration
        tenantMigrations = try PostgresMigration.load(directory: configuration.tenantMigrationsDirectory)
        var referenceData: [TenantSector: PostgresMigration] = [:]
        for sector in TenantSector.allCases {
            let path = configuration.referenceDataDirectory + "/" + sector.rawValue + ".sql"
            guard let data = FileManager.default.contents(atPath: path), let sql = String(data: data, encoding: .utf8) else {
                throw TenancyError(code: .invalidConfiguration, message: "cannot read reference data \(path)")
            }
            referenceData[sector] = PostgresMigration(version: 1, name: sector.rawValue + "_reference_data", sql: sql)
        }
        self.referenceData = referenceData
        self.logger = logger.with("component", "tenancy")
    }

    /// Records the configured servers in the control plane (host, port, admin user; no password).
    public func registerServers() async throws {
        try await catalog.register(configuration.servers)
    }

    /// Provisions the tenant, or resumes a provisioning that failed, or does nothing when the tenant
    /// is already provisioned. `server` names the server to place a new tenant on; by default the
    /// active configured server with the lowest share of its capacity in use. `progress` hears of
    /// each step as it ends.
    public func provision(
        slug: String, name: String, sector: String, adminEmail: String, server: String? = nil,
        progress: @Sendable (ProvisioningStepReport) -> Void = { _ in }
    ) async throws -> ProvisioningResult {
        let started = ContinuousClock.now
        let slug = try TenantSlug(slug)
        let sector = try TenantSector(validating: sector)
        try Self.validate(name: name, adminEmail: adminEmail)
        return try await withTenantLock(slug) {
            try await registerServers()
            let tenant = try await record(slug: slug, name: name, sector: sector, adminEmail: adminEmail, server: server)
            guard tenant.status == .provisioning else {
                return ProvisioningResult(tenant: tenant, inviteToken: nil, steps: [], duration: .now - started)
            }
            let server = try configuredServer(tenant.placement.serverName)
            let password = try await password(of: tenant)
            let run = ProvisioningRun(
                tenant: tenant, server: server, password: password,
                migrations: tenantMigrations, referenceData: referenceData[tenant.sector]!, catalog: catalog, logger: logger
            )
            let steps: [ProvisioningStepReport]
            do {
                steps = try await run.perform(progress: progress)
            } catch {
                await run.close()
                throw error
            }
            await run.close()
            guard let active = try await catalog.find(slug.value) else {
                throw TenancyError(code: .unknownTenant, message: "tenant \(slug) vanished during provisioning")
            }
            let duration = ContinuousClock.now - started
            logger.info("tenant provisioned", ["tenant": slug.value, "duration_ms": String(duration.wholeMilliseconds)])
            return ProvisioningResult(tenant: active, inviteToken: run.inviteToken, steps: steps, duration: duration)
        }
    }

    /// Removes everything provisioning made: the database (its sessions are ended), the role and the
    /// control-plane record. Meant for a provisioning that failed and is given up, and for tests.
    public func abandon(_ slug: String) async throws {
        let slug = try TenantSlug(slug)
        try await withTenantLock(slug) {
            guard let tenant = try await catalog.changeStatus(slug.value, to: .deleting, from: TenantStatus.allCases) else {
                throw TenancyError(code: .unknownTenant, message: "no tenant \(slug)")
            }
            let administration = try await ServerAdministration.connect(try configuredServer(tenant.placement.serverName), logger: logger)
            do {
                try await administration.drop(database: tenant.placement.databaseName, role: tenant.placement.roleName)
            } catch {
                await administration.close()
                throw error
            }
            await administration.close()
            try await catalog.delete(tenant: tenant.id)
            logger.info("tenant abandoned", ["tenant": slug.value])
        }
    }

    /// Applies the tenant migrations added since the tenant was provisioned, as the tenant's own role.
    /// Returns those applied now (none when the database is up to date).
    public func migrate(_ slug: String) async throws -> [PostgresMigration] {
        let slug = try TenantSlug(slug)
        return try await withTenantLock(slug) {
            guard let tenant = try await catalog.find(slug.value) else {
                throw TenancyError(code: .unknownTenant, message: "no tenant \(slug)")
            }
            guard tenant.status == .active || tenant.status == .suspended else {
                throw TenancyError(code: .conflict, message: "tenant \(slug) is \(tenant.status.rawValue); only active or suspended tenants are migrated")
            }
            let server = try configuredServer(tenant.placement.serverName)
            let connection = try await PostgresConnection.connect(
                configuration: server.tenantConnectionConfiguration(tenant.placement, password: try await password(of: tenant)), logger: logger
            )
            do {
                let applied = try await PostgresMigrator(migrations: tenantMigrations, logger: logger).migrate(connection: connection)
                await connection.close()
                return applied
            } catch {
                await connection.close()
                throw error
            }
        }
    }

    /// Moves an active tenant's database to another configured server: the tenant is `moving` (refused
    /// everywhere, the write freeze) for the placement TTL — so no process still holds a pool to the
    /// old copy — plus the copy; then it is placed on `server`, active again, and the old copy dropped.
    /// A failure drops the half-made copy and leaves the tenant active where it was.
    public func move(_ slug: String, to serverName: String, progress: @Sendable (String) -> Void = { _ in }) async throws -> Tenant {
        let slug = try TenantSlug(slug)
        return try await withTenantLock(slug) {
            guard let tenant = try await catalog.find(slug.value) else { throw TenancyError(code: .unknownTenant, message: "no tenant \(slug)") }
            guard tenant.status == .active else {
                throw TenancyError(code: .conflict, message: "tenant \(slug) is \(tenant.status.rawValue); only active tenants are moved")
            }
            guard tenant.placement.serverName != serverName else {
                throw TenancyError(code: .conflict, message: "tenant \(slug) is already on \(serverName)")
            }
            try await registerServers()
            let source = try configuredServer(tenant.placement.serverName)
            let target = try configuredServer(try await chooseServer(serverName))
            let password = try await password(of: tenant)
            let placement = tenant.placement
            _ = try await catalog.changeStatus(slug.value, to: .moving, from: [.active])
            progress("frozen: waiting \(configuration.placementTimeToLive) for every process to drop its connections")
            try await Task.sleep(for: configuration.placementTimeToLive)
            let started = ContinuousClock.now
            do {
                let administration = try await ServerAdministration.connect(target, logger: logger)
                do {
                    try await administration.ensureLoginRole(placement.roleName, password: password)
                    try await administration.ensureDatabase(placement.databaseName, owner: placement.roleName)
                    try await administration.revokePublicConnect(placement.databaseName)
                } catch {
                    await administration.close()
                    throw error
                }
                await administration.close()
                try await DatabaseCopy.copy(database: placement.databaseName, from: source, to: target, role: placement.roleName)
                try await catalog.place(tenant: tenant.id, on: target.name)
                progress("copied to \(target.name) in \(ContinuousClock.now - started)")
            } catch {
                await dropCopy(of: placement, on: target)
                _ = try? await catalog.changeStatus(slug.value, to: .active, from: [.moving])
                throw error
            }
            guard let moved = try await catalog.changeStatus(slug.value, to: .active, from: [.moving]) else {
                throw TenancyError(code: .conflict, message: "tenant \(slug) left the moving state during the move")
            }
            await dropCopy(of: placement, on: source)
            progress("old copy dropped from \(source.name)")
            logger.info("tenant moved", ["tenant": slug.value, "from": source.name, "to": target.name])
            return moved
        }
    }

    /// Best effort: an old or half-made copy that stays behind is only disk space, and is logged.
    private func dropCopy(of placement: TenantPlacement, on server: DatabaseServer) async {
        do {
            let administration = try await ServerAdministration.connect(server, logger: logger)
            do {
                try await administration.drop(database: placement.databaseName, role: placement.roleName)
            } catch {
                await administration.close()
                throw error
            }
            await administration.close()
        } catch {
            logger.warning("a tenant database copy could not be dropped", ["server": server.name, "database": placement.databaseName, "error": "\(error)"])
        }
    }

    /// Deletes a tenant for good, after writing its whole database to `archivePath` (a `pg_dump`
    /// archive, checked readable): the export the customer is owed, taken before anything is dropped.
    public func delete(_ slug: String, archivePath: String) async throws {
        let slug = try TenantSlug(slug)
        guard let tenant = try await catalog.find(slug.value) else { throw TenancyError(code: .unknownTenant, message: "no tenant \(slug)") }
        guard tenant.status == .active || tenant.status == .suspended else {
            throw TenancyError(code: .conflict, message: "tenant \(slug) is \(tenant.status.rawValue); only active or suspended tenants are deleted")
        }
        try await DatabaseCopy.archive(database: tenant.placement.databaseName, on: try configuredServer(tenant.placement.serverName), to: archivePath)
        try await abandon(slug.value)
    }

    /// Suspends an active tenant: the registry refuses its database from then on.
    @discardableResult
    public func suspend(_ slug: String) async throws -> Tenant {
        try await changeStatus(slug, to: .suspended, from: .active)
    }

    @discardableResult
    public func resume(_ slug: String) async throws -> Tenant {
        try await changeStatus(slug, to: .active, from: .suspended)
    }

    @discardableResult
    public func updateLicence(_ slug: String, _ licence: TenantLicence) async throws -> Tenant {
        guard let tenant = try await catalog.updateLicence(try TenantSlug(slug).value, try licence.validated()) else {
            throw TenancyError(code: .unknownTenant, message: "no tenant \(slug)")
        }
        return tenant
    }

    public func list() async throws -> [Tenant] {
        try await catalog.list()
    }

    public func find(_ slug: String) async throws -> Tenant? {
        try await catalog.find(slug)
    }

    // MARK: - Steps of provision

    private static func validate(name: String, adminEmail: String) throws(TenancyError) {
        guard (1...200).contains(name.count), !name.allSatisfy(\.isWhitespace) else {
            throw TenancyError(code: .invalidInput, message: "the tenant name must have 1 to 200 characters")
        }
        let parts = adminEmail.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), adminEmail.count <= 254,
              !adminEmail.contains(where: { $0.isWhitespace }) else {
            throw TenancyError(code: .invalidInput, message: "'\(adminEmail)' is not an e-mail address")
        }
    }

    /// The tenant's control-plane record: the existing one (checked against this request), or a new
    /// one placed on a server, with a fresh sealed password for its role.
    private func record(slug: TenantSlug, name: String, sector: TenantSector, adminEmail: String, server: String?) async throws -> Tenant {
        if let existing = try await catalog.find(slug.value) {
            guard existing.sector == sector, server == nil || server == existing.placement.serverName else {
                throw TenancyError(
                    code: .conflict,
                    message: "tenant \(slug) exists with sector \(existing.sector.rawValue) on server \(existing.placement.serverName)"
                )
            }
            return existing
        }
        let placement = TenantPlacement(slug: slug, serverName: try await chooseServer(server))
        let password = Hex.encode(SecureRandom.bytes(32))
        return try await catalog.insertIfAbsent(
            slug: slug, name: name, sector: sector, adminEmail: adminEmail, placement: placement,
            sealedPassword: configuration.secrets.seal(Array(password.utf8))
        )
    }

    private func chooseServer(_ requested: String?) async throws -> String {
        guard let requested else {
            guard let chosen = try await catalog.leastLoadedServer(among: configuration.servers.map(\.name)) else {
                throw TenancyError(code: .noServer, message: "no active database server with room is configured")
            }
            return chosen
        }
        _ = try configuredServer(requested)
        guard try await catalog.serverStatus(requested) == "active" else {
            throw TenancyError(code: .noServer, message: "database server \(requested) is not active")
        }
        return requested
    }

    private func configuredServer(_ name: String) throws(TenancyError) -> DatabaseServer {
        guard let server = configuration.servers.first(where: { $0.name == name }) else {
            throw TenancyError(code: .noServer, message: "database server \(name) is not configured in this process (FIELDOPS_DATABASE_SERVERS)")
        }
        return server
    }

    private func password(of tenant: Tenant) async throws -> String {
        guard let sealed = try await catalog.sealedPassword(tenant: tenant.id),
              let password = configuration.secrets.open(sealed) else {
            throw TenancyError(code: .secretUnreadable, message: "the database password of tenant \(tenant.slug) cannot be opened with FIELDOPS_TENANT_SECRETS_KEY")
        }
        return String(decoding: password, as: UTF8.self)
    }

    private func changeStatus(_ slug: String, to status: TenantStatus, from: TenantStatus) async throws -> Tenant {
        let slug = try TenantSlug(slug)
        if let tenant = try await catalog.changeStatus(slug.value, to: status, from: [from]) {
            logger.info("tenant status changed", ["tenant": slug.value, "status": status.rawValue])
            return tenant
        }
        guard let tenant = try await catalog.find(slug.value) else {
            throw TenancyError(code: .unknownTenant, message: "no tenant \(slug)")
        }
        guard tenant.status == status else {
            throw TenancyError(code: .conflict, message: "tenant \(slug) is \(tenant.status.rawValue), not \(from.rawValue)")
        }
        return tenant
    }

    /// Holds a session advisory lock on the slug in the control plane while `body` runs.
    private func withTenantLock<Value>(_ slug: TenantSlug, _ body: () async throws -> Value) async throws -> Value {
        try await catalog.pool.withConnection { connection in
            let key = "fieldops.tenant:" + slug.value
            try await connection.query("SELECT pg_advisory_lock(hashtextextended(\(key), 0))")
            let outcome: Result<Value, any Error>
            do {
                outcome = .success(try await body())
            } catch {
                outcome = .failure(error)
            }
            _ = try? await connection.query("SELECT pg_advisory_unlock(hashtextextended(\(key), 0))")
            return try outcome.get()
        }
    }
}
