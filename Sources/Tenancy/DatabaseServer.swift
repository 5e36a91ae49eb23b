#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Postgres

/// A PostgreSQL server tenants can be placed on, with the superuser connection that provisions them
/// (to its `postgres` database). Only host, port and user are written to the control plane.
public struct DatabaseServer: Sendable, Equatable {
    public var name: String
    public var admin: PostgresConfiguration

    public init(name: String, admin: PostgresConfiguration) {
        self.name = name
        self.admin = admin
    }

    /// Parses `name=postgresql://…,name=postgresql://…` (FIELDOPS_DATABASE_SERVERS). A URL must not
    /// hold a comma; errors name the server, never the URL (it holds a password).
    public static func list(_ text: String, applicationName: String = "fieldops-tenancy") throws(TenancyError) -> [DatabaseServer] {
        var servers: [DatabaseServer] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let equals = entry.firstIndex(of: "=") else {
                throw TenancyError(code: .invalidConfiguration, message: "database server entry without 'name=': expected name=postgresql://…")
            }
            let name = String(entry[..<equals])
            guard isValidName(name), !servers.contains(where: { $0.name == name }) else {
                throw TenancyError(code: .invalidConfiguration, message: "database server name '\(name)' is invalid or repeated")
            }
            do {
                servers.append(DatabaseServer(name: name, admin: try PostgresConfiguration(url: String(entry[entry.index(after: equals)...]), applicationName: applicationName)))
            } catch {
                throw TenancyError(code: .invalidConfiguration, message: "database server '\(name)': \(error.message)")
            }
        }
        return servers
    }

    /// As the control plane's CHECK: a lower-case letter, then up to 39 of a-z, 0-9, '-'.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.count <= 40 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

extension PostgresConfiguration {
    /// The same connection options (TLS, timeouts, keepalives), another server, database and login:
    /// how tenant databases are reached.
    func reaching(host: String, port: Int, database: String, role: String, password: String, poolSize: Int) -> PostgresConfiguration {
        var configuration = self
        configuration.host = host
        configuration.port = port
        configuration.database = database
        configuration.user = role
        configuration.password = password
        configuration.pool.maxConnections = poolSize
        return configuration
    }
}

extension DatabaseServer {
    /// How a tenant's own role reaches its own database on this server, for migrations.
    func tenantConnectionConfiguration(_ placement: TenantPlacement, password: String) -> PostgresConfiguration {
        admin.reaching(
            host: admin.host, port: admin.port, database: placement.databaseName, role: placement.roleName, password: password, poolSize: 1
        )
    }
}
