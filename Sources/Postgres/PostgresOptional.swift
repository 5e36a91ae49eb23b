/// `Optional` is SQL NULL when `nil`: as a parameter, a COPY field, a decoded column or an array element.
extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { Wrapped.postgresDataType }

    public var isPostgresNull: Bool { self == nil }

    public func encode(into buffer: inout PostgresBinaryBuffer) {
        self?.encode(into: &buffer)
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> Wrapped? {
        try Wrapped.decode(from: &reader, type: type)
    }

    public static func decodeNull() throws(PostgresDecodingFailure) -> Wrapped? {
        nil
    }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement & PostgresEncodable & PostgresDecodable {
    public static var postgresArrayDataType: PostgresDataType { Wrapped.postgresArrayDataType }
}
