/// A Swift value that can be sent to PostgreSQL in the binary format: as a bound query parameter
/// or as a field of a COPY BINARY row.
public protocol PostgresEncodable: Sendable {
    /// The PostgreSQL type of the encoded value, sent as the parameter's type OID.
    static var postgresDataType: PostgresDataType { get }

    /// Writes the binary representation of the value, without its length prefix.
    func encode(into buffer: inout PostgresBinaryBuffer)

    /// `true` for a value sent as SQL NULL; only `Optional.none` is.
    var isPostgresNull: Bool { get }
}

extension PostgresEncodable {
    public var isPostgresNull: Bool { false }
}

extension PostgresBinaryBuffer {
    /// Writes one field as the wire protocol frames it: a 4-byte length (-1 for NULL), then the value.
    mutating func writeField(_ value: some PostgresEncodable) {
        if value.isPostgresNull {
            writeInteger(Int32(-1))
        } else {
            let start = beginLengthPrefix()
            value.encode(into: &self)
            endLengthPrefix(at: start)
        }
    }
}
