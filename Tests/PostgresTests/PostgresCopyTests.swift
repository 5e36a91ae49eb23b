import Foundation
import FieldOpsCrypto
@testable import Postgres
import Testing

@Suite("COPY FROM STDIN BINARY")
struct PostgresCopyTests {
    @Test("100k rows load and match count, sum of ids and a SHA-256 of the ordered names computed in Swift")
    func bulkLoad() async throws {
        let rowCount = 100_000
        try await TestDatabase.withTable("id int8, name text, score float8, seen timestamptz, tag uuid") { connection, table in
            let base = Date(timeIntervalSince1970: 1_780_000_000)
            let tag = UUID()
            let stored = try await connection.copyIn(table: table, columns: ["id", "name", "score", "seen", "tag"]) { writer in
                for id in 1...rowCount {
                    let tagOrNull: UUID? = id.isMultiple(of: 10) ? nil : tag
                    try await writer.append(id, "site-\(id) 'é'", Double(id) / 4, base.addingTimeInterval(Double(id)), tagOrNull)
                }
            }
            #expect(stored == rowCount)
            let names = (1...rowCount).map { "site-\($0) 'é'" }.joined(separator: ",")
            let expectedDigest = SHA256.hex(Array(names.utf8))
            let row = try #require(try await connection.query("""
                SELECT count(*) AS n, sum(id)::int8 AS ids, sum(score) AS scores, count(tag) AS tags,
                       max(seen) AS latest,
                       encode(sha256(convert_to(string_agg(name, ',' ORDER BY id), 'UTF8')), 'hex') AS digest
                FROM \(unescaped: table)
                """).first)
            #expect(try row.decode(Int.self, column: "n") == rowCount)
            #expect(try row.decode(Int.self, column: "ids") == rowCount * (rowCount + 1) / 2)
            #expect(try row.decode(Double.self, column: "scores") == Double(rowCount * (rowCount + 1) / 2) / 4)
            #expect(try row.decode(Int.self, column: "tags") == rowCount - rowCount / 10)
            #expect(try row.decode(Date.self, column: "latest") == base.addingTimeInterval(Double(rowCount)))
            #expect(try row.decode(String.self, column: "digest") == expectedDigest)
        }
    }

    @Test("rows of run-time values, arrays and JSON load too")
    func dynamicRows() async throws {
        try await TestDatabase.withTable("id int4, tags text[], doc jsonb, amount numeric") { connection, table in
            let doc = try PostgresJSON(encoding: ["k": "v"])
            let stored = try await connection.copyIn(table: table, columns: ["id", "tags", "doc", "amount"]) { writer in
                try await writer.append(row: [Int32(1), ["a", "b"], doc, Decimal(string: "12.50")!])
                try await writer.append(row: [Int32(2), [String](), Optional<PostgresJSON>.none, Decimal(0)])
            }
            #expect(stored == 2)
            let rows = try await connection.query("SELECT tags, doc->>'k' AS k, amount::text AS amount FROM \(unescaped: table) ORDER BY id")
            #expect(try rows[0].decode([String].self, column: "tags") == ["a", "b"])
            #expect(try rows[0].decode(String.self, column: "k") == "v")
            #expect(try rows[0].decode(String.self, column: "amount") == "12.5")
            #expect(try rows[1].decode(String?.self, column: "k") == nil)
        }
    }

    @Test("a row of the wrong width, a throwing body or a server-side violation abort the COPY and store nothing")
    func failuresStoreNothing() async throws {
        struct Stop: Error {}
        try await TestDatabase.withTable("id int8 PRIMARY KEY, name text") { connection, table in
            await #expect { _ = try await connection.copyIn(table: table, columns: ["id", "name"]) { writer in
                try await writer.append(1, "one")
                try await writer.append(2)
            } } throws: { error in (error as? PostgresError)?.code == .encoding }

            await #expect(throws: Stop.self) { _ = try await connection.copyIn(table: table, columns: ["id", "name"]) { writer in
                try await writer.append(1, "one")
                throw Stop()
            } }

            await #expect { _ = try await connection.copyIn(table: table, columns: ["id", "name"]) { writer in
                try await writer.append(1, "one")
                try await writer.append(1, "duplicate")
            } } throws: { error in (error as? PostgresError)?.sqlState == "23505" }

            let rows = try await connection.query("SELECT count(*) AS n FROM \(unescaped: table)")
            #expect(try rows.first?.decode(Int.self, column: "n") == 0)
        }
    }
}
