import Telemetry

/// Applies migrations in version order, each in its own transaction, and records them.
///
/// Runners on several processes may start at once (every replica migrates at boot): a session-level
/// `pg_advisory_lock` lets one work while the others wait, and the others then find nothing to do.
/// An applied migration whose SQL changed since is refused with `migrationChecksumMismatch`:
/// databases that already ran the old text would silently differ from new ones.
public struct PostgresMigrator: Sendable {
    /// "FIELDOPS" in ASCII: the default advisory lock key, shared by every runner on a database.
    public static let defaultLockKey: Int64 = 0x4649_454C_444F_5053

    public let migrations: [PostgresMigration]
    /// The bookkeeping table; an identifier chosen by the code, never outside input.
    public let table: String
    public let lockKey: Int64
    private let logger: Logger

    public init(
        migrations: [PostgresMigration], table: String = "schema_migrations",
        lockKey: Int64 = PostgresMigrator.defaultLockKey, logger: Logger
    ) throws(PostgresError) {
        self.migrations = try PostgresMigration.ordered(migrations)
        self.table = table
        self.lockKey = lockKey
        self.logger = logger.with("postgres.migrations", table)
    }

    /// Applies what is pending on a connection leased from `pool`; returns the migrations applied now.
    @discardableResult
    public func migrate(pool: PostgresPool) async throws -> [PostgresMigration] {
        try await pool.withConnection { try await migrate(connection: $0) }
    }

    @discardableResult
    public func migrate(connection: PostgresConnection) async throws -> [PostgresMigration] {
        try await connection.query("SELECT pg_advisory_lock(\(lockKey))")
        do {
            let applied = try await applyPending(on: connection)
            try await connection.query("SELECT pg_advisory_unlock(\(lockKey))")
            return applied
        } catch {
            // A broken connection drops the lock with the session; a live one must let it go.
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))")
            throw error
        }
    }

    private func applyPending(on connection: PostgresConnection) async throws -> [PostgresMigration] {
        let quotedTable = PostgresIdentifier.quoted(table)
        try await connection.execute(script: """
            CREATE TABLE IF NOT EXISTS \(quotedTable) (
                version bigint PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        let recorded = try await connection.query("SELECT version, checksum FROM \(unescaped: quotedTable)")
            .decode((Int64, String).self)
        let recordedChecksums = Dictionary(recorded, uniquingKeysWith: { first, _ in first })
        for migration in migrations {
            if let checksum = recordedChecksums[migration.version], checksum != migration.checksum {
                throw PostgresError(
                    code: .migrationChecksumMismatch,
                    message: "migration \(migration.label) was edited after it was applied "
                        + "(recorded checksum \(checksum), now \(migration.checksum)); add a new migration instead"
                )
            }
        }
        var applied: [PostgresMigration] = []
        for migration in migrations where recordedChecksums[migration.version] == nil {
            try await connection.withTransaction { connection in
                try await connection.execute(script: migration.sql)
                try await connection.query("""
                    INSERT INTO \(unescaped: quotedTable) (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """)
            }
            logger.info("postgres migration applied", ["postgres.migration": migration.label])
            applied.append(migration)
        }
        return applied
    }
}
