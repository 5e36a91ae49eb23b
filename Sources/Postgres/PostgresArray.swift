/// A type whose Swift array maps to a PostgreSQL type: for most element types a one-dimensional
/// PostgreSQL array (`int8[]`, `text[]`), for `UInt8` the byte string `bytea`.
public protocol PostgresArrayElement: Sendable {
    static var postgresArrayDataType: PostgresDataType { get }
    static func encodeArray(_ elements: [Self], into buffer: inout PostgresBinaryBuffer)
    static func decodeArray(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> [Self]
}

/// PostgreSQL's binary array format: dimensions, a has-NULL flag, the element type, then for each
/// dimension its length and lower bound, then the elements as length-prefixed fields.
extension PostgresArrayElement where Self: PostgresEncodable & PostgresDecodable {
    public static func encodeArray(_ elements: [Self], into buffer: inout PostgresBinaryBuffer) {
        buffer.writeInteger(Int32(1))
        buffer.writeInteger(Int32(elements.contains { $0.isPostgresNull } ? 1 : 0))
        buffer.writeInteger(postgresDataType.rawValue)
        buffer.writeInteger(Int32(elements.count))
        buffer.writeInteger(Int32(1))
        for element in elements { buffer.writeField(element) }
    }

    public static func decodeArray(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> [Self] {
        guard let expectedElementType = type.arrayElementType else { throw .typeMismatch }
        let dimensions = try reader.readInteger(as: Int32.self)
        _ = try reader.readInteger(as: Int32.self)  // has-NULL flag: each element's length says it too.
        let elementType = PostgresDataType(rawValue: try reader.readInteger(as: UInt32.self))
        guard elementType == expectedElementType else { throw .malformed("array of \(elementType) in a \(type) value") }
        if dimensions == 0 { return [] }
        guard dimensions == 1 else { throw .malformed("\(dimensions)-dimensional array; only one dimension is supported") }
        let count = try reader.readInteger(as: Int32.self)
        _ = try reader.readInteger(as: Int32.self)  // lower bound: Swift arrays start at 0 whatever it is.
        guard count >= 0 else { throw .malformed("array length \(count)") }
        var elements: [Self] = []
        elements.reserveCapacity(Int(count))
        for _ in 0..<count {
            let length = try reader.readInteger(as: Int32.self)
            if length < 0 {
                elements.append(try decodeNull())
            } else {
                var elementReader = PostgresBinaryReader(try reader.readBytes(count: Int(length)))
                elements.append(try decode(from: &elementReader, type: elementType))
            }
        }
        return elements
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresDataType: PostgresDataType { Element.postgresArrayDataType }

    public func encode(into buffer: inout PostgresBinaryBuffer) {
        Element.encodeArray(self, into: &buffer)
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> [Element] {
        try Element.decodeArray(from: &reader, type: type)
    }
}

extension PostgresDataType {
    private static let arrayElementTypes: [PostgresDataType: PostgresDataType] = [
        .boolArray: .bool, .byteaArray: .bytea, .int2Array: .int2, .int4Array: .int4, .int8Array: .int8,
        .textArray: .text, .varcharArray: .varchar, .float4Array: .float4, .float8Array: .float8,
        .timestampArray: .timestamp, .dateArray: .date, .timestamptzArray: .timestamptz,
        .numericArray: .numeric, .jsonArray: .json, .uuidArray: .uuid, .jsonbArray: .jsonb,
    ]

    /// The element type of a known array type, `nil` for any other type.
    public var arrayElementType: PostgresDataType? { Self.arrayElementTypes[self] }
}
