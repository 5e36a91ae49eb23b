import FieldOpsCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Postgres

/// The control plane's tables about servers and tenants: every query provisioning and the registry
/// make there, in one place.
struct TenantCatalog: Sendable {
    let pool: PostgresPool

    private static let tenantColumns = """
        id, slug, name, sector, status, admin_email, seats, modules, limits, expires_at,
        server_name, database_name, role_name, created_at, updated_at
        """

    // MARK: - Servers

    /// Records the configured servers' host, port and admin user; capacity and status stay as
    /// operators set them.
    func register(_ servers: [DatabaseServer]) async throws {
        for server in servers {
            try await pool.query("""
                INSERT INTO database_servers (name, host, port, admin_user) VALUES
                    (\(server.name), \(server.admin.host), \(server.admin.port), \(server.admin.user))
                ON CONFLICT (name) DO UPDATE SET host = EXCLUDED.host, port = EXCLUDED.port,
                    admin_user = EXCLUDED.admin_user, updated_at = now()
                """)
        }
    }

    /// The active server among `names` with the lowest share of its capacity in use and room left.
    func leastLoadedServer(among names: [String]) async throws -> String? {
        try await pool.query("""
            SELECT s.name FROM database_servers s LEFT JOIN tenants t ON t.server_name = s.name
            WHERE s.status = 'active' AND s.name = ANY(\(names))
            GROUP BY s.name, s.capacity
            HAVING count(t.id) < s.capacity
            ORDER BY count(t.id)::float8 / s.capacity, s.name
            LIMIT 1
            """).decode(String.self).first
    }

    func serverStatus(_ name: String) async throws -> String? {
        try await pool.query("SELECT status FROM database_servers WHERE name = \(name)").decode(String.self).first
    }

    // MARK: - Tenants

    /// Inserts the tenant unless its slug exists; either way returns the recorded tenant.
    func insertIfAbsent(
        slug: TenantSlug, name: String, sector: TenantSector, adminEmail: String, placement: TenantPlacement, sealedPassword: [UInt8]
    ) async throws -> Tenant {
        try await pool.query("""
            INSERT INTO tenants (id, slug, name, sector, admin_email, server_name, database_name, role_name, role_password_sealed)
            VALUES (\(UUID.random()), \(slug.value), \(name), \(sector.rawValue), \(adminEmail), \(placement.serverName),
                    \(placement.databaseName), \(placement.roleName), \(sealedPassword))
            ON CONFLICT (slug) DO NOTHING
            """)
        guard let tenant = try await find(slug.value) else {
            throw TenancyError(code: .unknownTenant, message: "tenant \(slug) vanished while being recorded")
        }
        return tenant
    }

    func find(_ slug: String) async throws -> Tenant? {
        try await pool.query("SELECT \(unescaped: Self.tenantColumns) FROM tenants WHERE slug = \(slug)").map(Self.tenant).first
    }

    func list() async throws -> [Tenant] {
        try await pool.query("SELECT \(unescaped: Self.tenantColumns) FROM tenants ORDER BY slug").map(Self.tenant)
    }

    func sealedPassword(tenant id: UUID) async throws -> [UInt8]? {
        try await pool.query("SELECT role_password_sealed FROM tenants WHERE id = \(id)").decode([UInt8]?.self).first ?? nil
    }

    /// Moves the tenant to `status` if it is in one of `from`; returns the tenant after the change,
    /// or `nil` when no tenant with that slug is in one of `from`.
    func changeStatus(_ slug: String, to status: TenantStatus, from: [TenantStatus]) async throws -> Tenant? {
        try await pool.query("""
            UPDATE tenants SET status = \(status.rawValue), updated_at = now()
            WHERE slug = \(slug) AND status = ANY(\(from.map(\.rawValue)))
            RETURNING \(unescaped: Self.tenantColumns)
            """).map(Self.tenant).first
    }

    func updateLicence(_ slug: String, _ licence: TenantLicence) async throws -> Tenant? {
        try await pool.query("""
            UPDATE tenants SET seats = \(licence.seats), modules = \(licence.modules),
                limits = \(try PostgresJSON(encoding: licence.limits)), expires_at = \(licence.expiresAt), updated_at = now()
            WHERE slug = \(slug)
            RETURNING \(unescaped: Self.tenantColumns)
            """).map(Self.tenant).first
    }

    /// Records that the tenant's database now lives on `server` (same database and role names).
    func place(tenant id: UUID, on server: String) async throws {
        try await pool.query("UPDATE tenants SET server_name = \(server), updated_at = now() WHERE id = \(id)")
    }

    func delete(tenant id: UUID) async throws {
        try await pool.query("DELETE FROM tenants WHERE id = \(id)")
    }

    /// What the registry needs to open a tenant's pool, with the server's address.
    func connectionRecord(_ slug: String) async throws -> TenantConnectionRecord? {
        try await pool.query("""
            SELECT t.status, s.host, s.port, t.database_name, t.role_name, t.role_password_sealed
            FROM tenants t JOIN database_servers s ON s.name = t.server_name
            WHERE t.slug = \(slug)
            """).map { row throws(PostgresError) in
            let (status, host, port, database, role, sealed) = try row.decode((String, String, Int, String, String, [UInt8]?).self)
            return TenantConnectionRecord(
                status: TenantStatus(rawValue: status) ?? .deleting, host: host, port: port, database: database, role: role,
                sealedPassword: sealed
            )
        }.first
    }

    private static func tenant(_ row: PostgresRow) throws -> Tenant {
        let sector = try row.decode(String.self, column: "sector")
        let status = try row.decode(String.self, column: "status")
        guard let sector = TenantSector(rawValue: sector), let status = TenantStatus(rawValue: status) else {
            throw PostgresError(code: .decoding, message: "unknown tenant sector '\(sector)' or status '\(status)'")
        }
        return Tenant(
            id: try row.decode(UUID.self, column: "id"),
            slug: try row.decode(String.self, column: "slug"),
            name: try row.decode(String.self, column: "name"),
            sector: sector,
            status: status,
            adminEmail: try row.decode(String.self, column: "admin_email"),
            licence: TenantLicence(
                seats: try row.decode(Int.self, column: "seats"),
                modules: try row.decode([String].self, column: "modules"),
                limits: try row.decodeJSON([String: Int64].self, column: "limits"),
                expiresAt: try row.decode(Date?.self, column: "expires_at")
            ),
            placement: TenantPlacement(
                serverName: try row.decode(String.self, column: "server_name"),
                databaseName: try row.decode(String.self, column: "database_name"),
                roleName: try row.decode(String.self, column: "role_name")
            ),
            createdAt: try row.decode(Date.self, column: "created_at"),
            updatedAt: try row.decode(Date.self, column: "updated_at")
        )
    }
}

/// A tenant's status and how to reach its database, as the registry reads it.
struct TenantConnectionRecord: Sendable, Equatable {
    var status: TenantStatus
    var host: String
    var port: Int
    var database: String
    var role: String
    var sealedPassword: [UInt8]?
}
