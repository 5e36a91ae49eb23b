/// A Swift value that can be read from a PostgreSQL value in the binary format.
public protocol PostgresDecodable: Sendable {
    /// Decodes a non-NULL value of the column type `type`. Throws `typeMismatch` for a type it does
    /// not read, so decoding `text` as `Int` fails clearly instead of misreading bytes.
    static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> Self

    /// The value for SQL NULL. Throws `unexpectedNull` for every type except `Optional`.
    static func decodeNull() throws(PostgresDecodingFailure) -> Self
}

extension PostgresDecodable {
    public static func decodeNull() throws(PostgresDecodingFailure) -> Self {
        throw .unexpectedNull
    }

    /// Checks that `type` is one of `accepted`, the column types this Swift type reads.
    static func expect(_ type: PostgresDataType, in accepted: PostgresDataType...) throws(PostgresDecodingFailure) {
        guard accepted.contains(type) else { throw .typeMismatch }
    }
}

/// Why a single value could not be decoded; the row turns it into a `PostgresError` naming the
/// column, its PostgreSQL type and the requested Swift type.
public enum PostgresDecodingFailure: Error, Sendable {
    case unexpectedNull
    case typeMismatch
    case malformed(String)
}
