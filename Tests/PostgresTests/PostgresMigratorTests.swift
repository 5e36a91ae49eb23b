import Foundation
import Postgres
import Testing

@Suite("PostgresMigrator")
struct PostgresMigratorTests {
    /// Unique table names for one test: the bookkeeping table and two tables the migrations create.
    struct Names {
        let suffix = TestDatabase.uniqueName("m")
        var ledger: String { suffix + "_schema_migrations" }
        var sites: String { suffix + "_sites" }
        var log: String { suffix + "_log" }
        /// A lock key of its own, so parallel tests do not queue behind each other.
        let lockKey = Int64.random(in: 1...Int64.max)
    }

    private func migrations(_ names: Names) -> [PostgresMigration] {
        [
            PostgresMigration(version: 1, name: "create_sites", sql: """
                CREATE TABLE \(names.sites) (id bigint PRIMARY KEY, name text NOT NULL);
                CREATE TABLE \(names.log) (entry text NOT NULL);
                INSERT INTO \(names.log) VALUES ('0001');
                """),
            PostgresMigration(version: 2, name: "add_region", sql: """
                ALTER TABLE \(names.sites) ADD COLUMN region text;
                INSERT INTO \(names.log) VALUES ('0002');
                """),
        ]
    }

    private func migrator(_ names: Names, _ migrations: [PostgresMigration]) throws -> PostgresMigrator {
        try PostgresMigrator(migrations: migrations, table: names.ledger, lockKey: names.lockKey, logger: TestDatabase.logger)
    }

    private func dropTables(_ names: Names, on connection: PostgresConnection) async throws {
        try await connection.execute(script: "DROP TABLE IF EXISTS \(names.ledger), \(names.sites), \(names.log)")
    }

    @Test("applies in order and records version, name, checksum and time; a rerun applies nothing")
    func appliesOnceAndRecords() async throws {
        let names = Names()
        try await TestDatabase.withConnection { connection in
            let migrator = try migrator(names, migrations(names))
            let first = try await migrator.migrate(connection: connection)
            #expect(first.map(\.version) == [1, 2])
            let second = try await migrator.migrate(connection: connection)
            #expect(second.isEmpty)
            let ledger = try await connection.query(
                "SELECT version, name, checksum, applied_at <= now() AS past FROM \(unescaped: names.ledger) ORDER BY version"
            ).decode((Int64, String, String, Bool).self)
            #expect(ledger.map(\.0) == [1, 2])
            #expect(ledger.map(\.1) == ["create_sites", "add_region"])
            #expect(ledger.map(\.2) == migrations(names).map(\.checksum))
            #expect(ledger.allSatisfy { $0.2.count == 64 && $0.3 })
            let log = try await connection.query("SELECT entry FROM \(unescaped: names.log) ORDER BY entry").decode((String).self)
            #expect(log == ["0001", "0002"])
            try await dropTables(names, on: connection)
        }
    }

    @Test("an applied migration edited afterwards is refused, naming it, and nothing else runs")
    func refusesEditedMigration() async throws {
        let names = Names()
        try await TestDatabase.withConnection { connection in
            try await migrator(names, [migrations(names)[0]]).migrate(connection: connection)
            var edited = migrations(names)
            edited[0] = PostgresMigration(version: 1, name: "create_sites", sql: edited[0].sql + "\n-- tweaked")
            await #expect { try await migrator(names, edited).migrate(connection: connection) } throws: { error in
                let error = try #require(error as? PostgresError)
                return error.code == .migrationChecksumMismatch && error.message.contains("0001_create_sites")
            }
            let versions = try await connection.query("SELECT version FROM \(unescaped: names.ledger)").decode((Int64).self)
            #expect(versions == [1])
            try await dropTables(names, on: connection)
        }
    }

    @Test("a failing migration rolls back alone and is not recorded")
    func failingMigrationRollsBack() async throws {
        let names = Names()
        try await TestDatabase.withConnection { connection in
            let broken = migrations(names) + [PostgresMigration(version: 3, name: "broken", sql: """
                INSERT INTO \(names.log) VALUES ('0003');
                SELECT * FROM no_such_table_anywhere;
                """)]
            await #expect { try await migrator(names, broken).migrate(connection: connection) } throws: { error in
                (error as? PostgresError)?.sqlState == "42P01"
            }
            let versions = try await connection.query("SELECT version FROM \(unescaped: names.ledger) ORDER BY version").decode((Int64).self)
            #expect(versions == [1, 2])
            let log = try await connection.query("SELECT entry FROM \(unescaped: names.log) ORDER BY entry").decode((String).self)
            #expect(log == ["0001", "0002"])
            try await dropTables(names, on: connection)
        }
    }

    @Test("two runners at once apply each migration exactly once")
    func concurrentRunners() async throws {
        let names = Names()
        let migrator = try migrator(names, migrations(names))
        async let first = TestDatabase.withConnection { try await migrator.migrate(connection: $0) }
        async let second = TestDatabase.withConnection { try await migrator.migrate(connection: $0) }
        let applied = try await [first, second]
        #expect(applied.map(\.count).sorted() == [0, 2])
        try await TestDatabase.withConnection { connection in
            let log = try await connection.query("SELECT entry FROM \(unescaped: names.log) ORDER BY entry").decode((String).self)
            #expect(log == ["0001", "0002"])
            try await dropTables(names, on: connection)
        }
    }

    @Test("migrations load from NNNN_name.sql files in version order; a malformed name is an error")
    func loadsDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(TestDatabase.uniqueName("migrations"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "ALTER TABLE a ADD b int;".write(to: directory.appendingPathComponent("0010_add_b.sql"), atomically: true, encoding: .utf8)
        try "CREATE TABLE a ();".write(to: directory.appendingPathComponent("0002_create_a.sql"), atomically: true, encoding: .utf8)
        try "notes".write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let loaded = try PostgresMigration.load(directory: directory.path)
        #expect(loaded.map(\.version) == [2, 10])
        #expect(loaded.map(\.name) == ["create_a", "add_b"])
        #expect(loaded[0].sql == "CREATE TABLE a ();")

        try "SELECT 1;".write(to: directory.appendingPathComponent("oops.sql"), atomically: true, encoding: .utf8)
        #expect { try PostgresMigration.load(directory: directory.path) } throws: { error in
            (error as? PostgresError)?.code == .invalidMigration
        }
    }
}
