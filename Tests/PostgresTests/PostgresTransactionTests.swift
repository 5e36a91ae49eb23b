import Postgres
import Testing

@Suite("Transactions and server errors")
struct PostgresTransactionTests {
    struct Abort: Error {}

    @Test("a throw inside withTransaction rolls back, leaves no row, and rethrows the error")
    func rollbackOnThrow() async throws {
        try await TestDatabase.withTable("id int PRIMARY KEY") { connection, table in
            await #expect(throws: Abort.self) {
                try await connection.withTransaction { transaction in
                    try await transaction.query("INSERT INTO \(unescaped: table) (id) VALUES (\(1))")
                    throw Abort()
                }
            }
            let rows = try await connection.query("SELECT count(*) AS n FROM \(unescaped: table)")
            #expect(try rows.first?.decode(Int.self, column: "n") == 0)
        }
    }

    @Test("a completed body commits, at the requested isolation level")
    func commitWithIsolation() async throws {
        try await TestDatabase.withTable("id int PRIMARY KEY") { connection, table in
            let level = try await connection.withTransaction(isolation: .serializable) { transaction in
                let inserted = try await transaction.query("INSERT INTO \(unescaped: table) (id) VALUES (\(1)), (\(2))")
                #expect(inserted.affectedRows == 2)
                return try #require(try await transaction.query("SHOW transaction_isolation").first).decode(String.self, at: 0)
            }
            #expect(level == "serializable")
            let rows = try await connection.query("SELECT count(*) AS n FROM \(unescaped: table)")
            #expect(try rows.first?.decode(Int.self, column: "n") == 2)
        }
    }

    @Test("a swallowed statement error makes the commit fail instead of losing the writes silently")
    func swallowedErrorFailsCommit() async throws {
        try await TestDatabase.withTable("id int PRIMARY KEY") { connection, table in
            await #expect(throws: PostgresError.self) {
                try await connection.withTransaction { transaction in
                    try await transaction.query("INSERT INTO \(unescaped: table) (id) VALUES (\(1))")
                    _ = try? await transaction.query("INSERT INTO \(unescaped: table) (id) VALUES (\(1))")
                }
            }
            let rows = try await connection.query("SELECT count(*) AS n FROM \(unescaped: table)")
            #expect(try rows.first?.decode(Int.self, column: "n") == 0)
        }
    }

    @Test("a unique violation carries SQLSTATE 23505, the constraint and the query text, not the values")
    func uniqueViolation() async throws {
        try await TestDatabase.withTable("id int PRIMARY KEY, email text") { connection, table in
            let secret = "alice@example.org"
            try await connection.query("INSERT INTO \(unescaped: table) (id, email) VALUES (\(1), \(secret))")
            await #expect {
                try await connection.query("INSERT INTO \(unescaped: table) (id, email) VALUES (\(1), \(secret))")
            } throws: { error in
                let error = try #require(error as? PostgresError)
                return error.code == .server && error.sqlState == "23505" && error.constraint == "\(table)_pkey"
                    && error.query == "INSERT INTO \(table) (id, email) VALUES ($1, $2)" && error.detail != nil
                    && !error.description.contains(secret)
            }
            // The connection stays usable after a server error.
            #expect(try await connection.query("SELECT 1").count == 1)
        }
    }

    @Test("a syntax error carries SQLSTATE 42601")
    func syntaxError() async throws {
        try await TestDatabase.withConnection { connection in
            await #expect { try await connection.query("SELEC 1") } throws: { error in
                (error as? PostgresError)?.sqlState == "42601"
            }
        }
    }
}
