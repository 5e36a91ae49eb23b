import Postgres
import Telemetry

/// Role and database operations on one server, over its superuser connection. Names come from
/// validated slugs and are still quoted; the role password travels only as a bound parameter.
struct ServerAdministration {
    let connection: PostgresConnection

    static func connect(_ server: DatabaseServer, logger: Logger) async throws -> ServerAdministration {
        ServerAdministration(connection: try await PostgresConnection.connect(configuration: server.admin, logger: logger))
    }

    func close() async { await connection.close() }

    /// Creates the login role if missing and (re)sets its password and attributes: nothing but LOGIN.
    /// (Not NOINHERIT: the database owner's rights on the `public` schema come through the implicit
    /// `pg_database_owner` membership, which NOINHERIT would cut.)
    ///
    /// `CREATE/ALTER ROLE … PASSWORD` takes no bound parameters, so the password goes in as a
    /// transaction-local setting and a DO block builds the statement server-side: the statement text
    /// the client sends, and that errors and server logs repeat, never holds it.
    func ensureLoginRole(_ role: String, password: String) async throws {
        try await connection.withTransaction { connection in
            try await connection.query("""
                SELECT set_config('fieldops.role_name', \(role), true), set_config('fieldops.role_password', \(password), true)
                """)
            try await connection.execute(script: """
                DO $$
                DECLARE
                    role_name text := current_setting('fieldops.role_name');
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
                        EXECUTE format('CREATE ROLE %I LOGIN', role_name);
                    END IF;
                    EXECUTE format(
                        'ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
                        role_name, current_setting('fieldops.role_password'));
                END
                $$
                """)
        }
    }

    /// Creates the database owned by `owner` if missing. An existing database owned by anyone else
    /// is refused, never adopted: it may be another tenant's or an operator's.
    func ensureDatabase(_ database: String, owner: String) async throws {
        let owners = try await connection.query("""
            SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = \(database)
            """).decode(String.self)
        if let existing = owners.first {
            guard existing == owner else {
                throw TenancyError(
                    code: .conflict, message: "database \(database) already exists, owned by \(existing) instead of \(owner); refusing to adopt it"
                )
            }
            return
        }
        try await connection.execute(script: """
            CREATE DATABASE \(PostgresName.quoted(database)) OWNER \(PostgresName.quoted(owner)) TEMPLATE template0 ENCODING 'UTF8'
            """)
    }

    func revokePublicConnect(_ database: String) async throws {
        try await connection.execute(script: "REVOKE CONNECT, TEMPORARY ON DATABASE \(PostgresName.quoted(database)) FROM PUBLIC")
    }

    /// Drops the database (disconnecting its sessions) and the role, when they exist.
    func drop(database: String, role: String) async throws {
        try await connection.execute(script: "DROP DATABASE IF EXISTS \(PostgresName.quoted(database)) WITH (FORCE)")
        try await connection.execute(script: "DROP ROLE IF EXISTS \(PostgresName.quoted(role))")
    }
}

/// Identifier quoting for the few statements that take names, not parameters.
enum PostgresName {
    static func quoted(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
