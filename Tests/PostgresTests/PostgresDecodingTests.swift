import Foundation
import Postgres
import Testing

@Suite("Type round trips and decoding errors")
struct PostgresDecodingTests {
    struct Payload: Codable, Equatable {
        var site: String
        var crew: [String]
        var hours: Double
    }

    /// Inserts `value` into a column of `sqlType`, reads it back as `T`.
    private func roundTrip<T: PostgresEncodable & PostgresDecodable>(_ value: T, as sqlType: String) async throws -> T {
        try await TestDatabase.withTable("v \(sqlType)") { connection, table in
            try await connection.query("INSERT INTO \(unescaped: table) (v) VALUES (\(value))")
            let row = try #require(try await connection.query("SELECT v FROM \(unescaped: table)").first)
            return try row.decode(T.self, column: "v")
        }
    }

    @Test("integers of every width")
    func integers() async throws {
        #expect(try await roundTrip(Int16.min, as: "int2") == Int16.min)
        #expect(try await roundTrip(Int32.max, as: "int4") == Int32.max)
        #expect(try await roundTrip(Int64.min, as: "int8") == Int64.min)
        #expect(try await roundTrip(Int.max, as: "int8") == Int.max)
    }

    @Test("text, varchar, bool, float4, float8")
    func scalars() async throws {
        #expect(try await roundTrip("chantier Nord", as: "varchar(40)") == "chantier Nord")
        #expect(try await roundTrip(true, as: "bool") == true)
        #expect(try await roundTrip(Float(1.5), as: "float4") == 1.5)
        #expect(try await roundTrip(0.1 + 0.2, as: "float8") == 0.1 + 0.2)
        #expect(try await roundTrip(Double.infinity, as: "float8") == .infinity)
    }

    @Test("numeric keeps every digit, as Decimal and as String",
          arguments: ["12345678901234567890.123456789", "-0.000001", "0", "10000", "99990000.0001", "-1234.5000"])
    func numeric(text: String) async throws {
        let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        #expect(try await roundTrip(value, as: "numeric") == value)
        try await TestDatabase.withConnection { connection in
            let row = try #require(try await connection.query("SELECT \(unescaped: text)::numeric AS n").first)
            #expect(try row.decode(String.self, column: "n") == text)
            #expect(try row.decode(Decimal.self, column: "n") == value)
        }
    }

    @Test("timestamptz keeps microseconds; timestamp and date decode as UTC")
    func dates() async throws {
        let instant = Date(timeIntervalSince1970: 1_780_000_000.123456)
        let stored = try await roundTrip(instant, as: "timestamptz")
        #expect(abs(stored.timeIntervalSince1970 - instant.timeIntervalSince1970) < 0.000_001)
        try await TestDatabase.withConnection { connection in
            let row = try #require(try await connection.query(
                "SELECT '2026-03-01 12:30:00'::timestamp AS local, '2026-03-01'::date AS day, 'infinity'::timestamptz AS forever"
            ).first)
            #expect(try row.decode(Date.self, column: "local") == Date(timeIntervalSince1970: 1_772_368_200))
            #expect(try row.decode(Date.self, column: "day") == Date(timeIntervalSince1970: 1_772_323_200))
            #expect(try row.decode(Date.self, column: "forever") == .distantFuture)
        }
    }

    @Test("uuid, bytea as [UInt8] and Data, jsonb to a Decodable")
    func structured() async throws {
        let id = UUID()
        #expect(try await roundTrip(id, as: "uuid") == id)
        let bytes: [UInt8] = [0, 1, 2, 0xFF, 0, 0x7F]
        #expect(try await roundTrip(bytes, as: "bytea") == bytes)
        #expect(try await roundTrip(Data(bytes), as: "bytea") == Data(bytes))
        let payload = Payload(site: "Lyon-Part-Dieu", crew: ["Ana", "Bo"], hours: 7.5)
        try await TestDatabase.withTable("doc jsonb, plain json") { connection, table in
            let json = try PostgresJSON(encoding: payload)
            try await connection.query("INSERT INTO \(unescaped: table) (doc, plain) VALUES (\(json), \(json))")
            let row = try #require(try await connection.query("SELECT doc, plain, doc->>'site' AS site FROM \(unescaped: table)").first)
            #expect(try row.decodeJSON(Payload.self, column: "doc") == payload)
            #expect(try row.decodeJSON(Payload.self, column: "plain") == payload)
            #expect(try row.decode(String.self, column: "site") == "Lyon-Part-Dieu")
        }
    }

    @Test("one-dimensional arrays, with NULL elements and empty arrays")
    func arrays() async throws {
        #expect(try await roundTrip([1, 2, 3], as: "int8[]") == [1, 2, 3])
        #expect(try await roundTrip([Int32(7), -7], as: "int4[]") == [7, -7])
        #expect(try await roundTrip(["a", "", "é'\""], as: "text[]") == ["a", "", "é'\""])
        #expect(try await roundTrip([true, false], as: "bool[]") == [true, false])
        #expect(try await roundTrip([1.5, -2.25], as: "float8[]") == [1.5, -2.25])
        #expect(try await roundTrip([Decimal(string: "1.10")!, Decimal(7)], as: "numeric[]") == [Decimal(string: "1.1")!, 7])
        let ids = [UUID(), UUID()]
        #expect(try await roundTrip(ids, as: "uuid[]") == ids)
        let moments = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_700_000_000.5)]
        #expect(try await roundTrip(moments, as: "timestamptz[]") == moments)
        #expect(try await roundTrip([Data([0, 1]), Data()], as: "bytea[]") == [Data([0, 1]), Data()])
        #expect(try await roundTrip([1, nil, 3] as [Int?], as: "int8[]") == [1, nil, 3])
        #expect(try await roundTrip([String](), as: "text[]") == [])
    }

    @Test("NULL decodes as nil into an Optional, of any type")
    func nulls() async throws {
        try await TestDatabase.withConnection { connection in
            let row = try #require(try await connection.query(
                "SELECT NULL::int8 AS a, NULL::text AS b, NULL::uuid AS c, NULL::jsonb AS d, NULL::int4[] AS e"
            ).first)
            #expect(try row.decode(Int?.self, column: "a") == nil)
            #expect(try row.decode(String?.self, column: "b") == nil)
            #expect(try row.decode(UUID?.self, column: "c") == nil)
            #expect(try row.decode(PostgresJSON?.self, column: "d") == nil)
            #expect(try row.decode([Int32]?.self, column: "e") == nil)
        }
    }

    @Test("NULL into a non-optional, or a wrong type, throws a decoding error naming column and types")
    func decodingErrors() async throws {
        try await TestDatabase.withConnection { connection in
            let row = try #require(try await connection.query("SELECT NULL::int8 AS missing, 'x'::text AS label, 70000 AS big").first)
            #expect { try row.decode(Int.self, column: "missing") } throws: { error in
                let error = try #require(error as? PostgresError)
                return error.code == .decoding && error.column == "missing" && error.message.contains("NULL") && error.message.contains("Int")
            }
            #expect { try row.decode(Int.self, column: "label") } throws: { error in
                let error = try #require(error as? PostgresError)
                return error.code == .decoding && error.message.contains("\"label\"") && error.message.contains("text")
                    && error.message.contains("Int")
            }
            #expect { try row.decode(Int16.self, column: "big") } throws: { error in
                (error as? PostgresError)?.code == .decoding
            }
            #expect { try row.decode(Int.self, column: "nonexistent") } throws: { error in
                (error as? PostgresError)?.code == .decoding
            }
        }
    }

    @Test("rows decode into tuples, by position")
    func tuples() async throws {
        try await TestDatabase.withConnection { connection in
            let rows = try await connection.query("SELECT g AS id, 'n' || g AS name FROM generate_series(1, 3) AS g")
            let decoded = try rows.decode((Int32, String).self)
            #expect(decoded.map(\.0) == [1, 2, 3])
            #expect(decoded.map(\.1) == ["n1", "n2", "n3"])
            #expect(rows.columnNames == ["id", "name"])
        }
    }
}
