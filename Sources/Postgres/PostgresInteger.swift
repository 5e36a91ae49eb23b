/// The integer types: each encodes as its own width and decodes from any integer column whose value
/// fits (an `int2` into `Int`, an `int8` into `Int16` only when in range).
public protocol PostgresInteger: FixedWidthInteger, PostgresEncodable, PostgresDecodable, PostgresArrayElement {}

extension PostgresInteger {
    public func encode(into buffer: inout PostgresBinaryBuffer) {
        buffer.writeInteger(self)
    }

    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> Self {
        let wide: Int64
        switch type {
        case .int2: wide = Int64(try reader.readInteger(as: Int16.self))
        case .int4: wide = Int64(try reader.readInteger(as: Int32.self))
        case .int8: wide = try reader.readInteger(as: Int64.self)
        default: throw .typeMismatch
        }
        guard let value = Self(exactly: wide) else { throw .malformed("\(wide) does not fit in \(Self.self)") }
        return value
    }
}

extension Int16: PostgresInteger {
    public static var postgresDataType: PostgresDataType { .int2 }
    public static var postgresArrayDataType: PostgresDataType { .int2Array }
}

extension Int32: PostgresInteger {
    public static var postgresDataType: PostgresDataType { .int4 }
    public static var postgresArrayDataType: PostgresDataType { .int4Array }
}

extension Int64: PostgresInteger {
    public static var postgresDataType: PostgresDataType { .int8 }
    public static var postgresArrayDataType: PostgresDataType { .int8Array }
}

extension Int: PostgresInteger {
    public static var postgresDataType: PostgresDataType { .int8 }
    public static var postgresArrayDataType: PostgresDataType { .int8Array }

    public func encode(into buffer: inout PostgresBinaryBuffer) {
        buffer.writeInteger(Int64(self))
    }
}
