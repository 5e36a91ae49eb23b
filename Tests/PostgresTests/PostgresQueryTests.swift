import Foundation
import Postgres
import Testing

@Suite("PostgresQuery binding")
struct PostgresQueryTests {
    static let hostileStrings = [
        "'; DROP TABLE x; --",
        "Robert'); DROP TABLE students;--",
        "emoji 👷‍♀️🚧 and accents éàü",
        "quotes ' \" `backticks`",
        "backslashes \\ \\\\ \\x00 \\n",
        "$1 $2 looks like a placeholder",
        "",
    ]

    @Test("interpolated values become $n placeholders, never SQL text")
    func interpolationBinds() {
        let id = 42
        let name = "'; DROP TABLE x; --"
        let query: PostgresQuery = "SELECT * FROM t WHERE id = \(id) AND name = \(name)"
        #expect(query.sql == "SELECT * FROM t WHERE id = $1 AND name = $2")
        #expect(query.bindings.count == 2)
        #expect(!query.description.contains("DROP"))
    }

    @Test("unescaped interpolation splices trusted identifiers as text")
    func unescapedSplices() {
        let table = "sites_2026"
        let query: PostgresQuery = "SELECT count(*) FROM \(unescaped: table) WHERE id = \(1)"
        #expect(query.sql == "SELECT count(*) FROM sites_2026 WHERE id = $1")
        #expect(query.bindings.count == 1)
    }

    @Test("hostile strings round-trip as data and the table survives", arguments: hostileStrings)
    func hostileStringsRoundTrip(value: String) async throws {
        try await TestDatabase.withTable("id int PRIMARY KEY, body text NOT NULL") { connection, table in
            try await connection.query("INSERT INTO \(unescaped: table) (id, body) VALUES (\(1), \(value))")
            let stored = try await connection.query("SELECT body FROM \(unescaped: table) WHERE body = \(value)")
            #expect(stored.count == 1)
            #expect(try stored.first?.decode(String.self, column: "body") == value)
            let exists = try await connection.query("SELECT to_regclass(\(table)) IS NOT NULL AS present")
            #expect(try exists.first?.decode(Bool.self, column: "present") == true)
        }
    }

    @Test("text with NUL is refused by the server with SQLSTATE 22021; the same bytes round-trip as bytea")
    func nulInTextAndBytea() async throws {
        let withNul = "before\u{0}after"
        try await TestDatabase.withTable("id int, body text, raw bytea") { connection, table in
            await #expect {
                try await connection.query("INSERT INTO \(unescaped: table) (id, body) VALUES (1, \(withNul))")
            } throws: { error in
                let error = try #require(error as? PostgresError)
                return error.code == .server && error.sqlState == "22021"
            }
            let bytes = Array(withNul.utf8)
            try await connection.query("INSERT INTO \(unescaped: table) (id, raw) VALUES (2, \(bytes))")
            let row = try #require(try await connection.query("SELECT raw FROM \(unescaped: table) WHERE id = 2").first)
            let stored = try row.decode([UInt8].self, column: "raw")
            #expect(stored == bytes)
            #expect(String(decoding: stored, as: UTF8.self) == withNul)
        }
    }

    @Test("a NULL parameter is SQL NULL")
    func optionalBindsNull() async throws {
        try await TestDatabase.withConnection { connection in
            let missing: String? = nil
            let row = try #require(try await connection.query("SELECT \(missing)::text IS NULL AS is_null").first)
            #expect(try row.decode(Bool.self, column: "is_null"))
        }
    }
}
