/// The rows a query returned, in order. Rows decode lazily, column by column.
public struct PostgresRows: Sendable, RandomAccessCollection {
    let result: PostgresResult
    let query: String

    public var startIndex: Int { 0 }
    public var endIndex: Int { result.rowCount }

    public subscript(position: Int) -> PostgresRow {
        PostgresRow(result: result, index: position, query: query)
    }

    public var columnNames: [String] { (0..<result.columnCount).map(result.columnName) }

    /// For INSERT, UPDATE, DELETE, COPY…: how many rows the command touched.
    public var affectedRows: Int { result.affectedRows }

    /// Decodes every row's columns, in order, into a tuple: `rows.decode((Int, String).self)`.
    public func decode<each Column: PostgresDecodable>(_ types: (repeat each Column).Type) throws(PostgresError) -> [(repeat each Column)] {
        var decoded: [(repeat each Column)] = []
        decoded.reserveCapacity(count)
        for row in self { decoded.append(try row.decode(types)) }
        return decoded
    }
}

/// One row of a result.
public struct PostgresRow: Sendable {
    let result: PostgresResult
    let index: Int
    let query: String

    public var columnCount: Int { result.columnCount }

    public func decode<T: PostgresDecodable>(_ type: T.Type, column name: String) throws(PostgresError) -> T {
        guard let column = result.columnIndex(named: name) else {
            throw PostgresError(code: .decoding, message: "no column named \"\(name)\" in the result", query: query)
        }
        return try decode(type, at: column)
    }

    public func decode<T: PostgresDecodable>(_ type: T.Type, at column: Int) throws(PostgresError) -> T {
        guard (0..<result.columnCount).contains(column) else {
            throw PostgresError(code: .decoding, message: "no column at index \(column): the result has \(result.columnCount)", query: query)
        }
        let columnType = result.columnType(column)
        do {
            guard let bytes = result.value(row: index, column: column) else { return try T.decodeNull() }
            var reader = PostgresBinaryReader(bytes)
            return try T.decode(from: &reader, type: columnType)
        } catch {
            let place = "column \"\(result.columnName(column))\" (index \(column), \(columnType))"
            let reason = switch error {
            case .unexpectedNull: "\(place) is NULL; decode it as \(T.self)? to accept NULL"
            case .typeMismatch: "\(place) cannot be decoded as \(T.self)"
            case .malformed(let detail): "\(place) as \(T.self): \(detail)"
            }
            throw PostgresError(code: .decoding, message: reason, column: result.columnName(column), query: query)
        }
    }

    /// Decodes a `json`/`jsonb` column into a `Decodable` value.
    public func decodeJSON<T: Decodable>(_ type: T.Type, column name: String) throws(PostgresError) -> T {
        try decode(PostgresJSON.self, column: name).decode(T.self)
    }

    /// Decodes the columns, in order, into a tuple: `row.decode((Int, String?).self)`.
    public func decode<each Column: PostgresDecodable>(_ types: (repeat each Column).Type) throws(PostgresError) -> (repeat each Column) {
        var column = 0
        func next<T: PostgresDecodable>(_ type: T.Type) throws(PostgresError) -> T {
            defer { column += 1 }
            return try decode(type, at: column)
        }
        return (repeat try next((each Column).self))
    }
}
