#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `Data` and `[UInt8]` are `bytea`: raw bytes, NUL included, round-trip unchanged.
extension Data: PostgresEncodable, PostgresDecodable, PostgresArrayElement {
    public static var postgresDataType: PostgresDataType { .bytea }
    public static var postgresArrayDataType: PostgresDataType { .byteaArray }

    public func encode(into buffer: inout PostgresBinaryBuffer) {
        buffer.writeBytes(self)
    }

    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> Data {
        try expect(type, in: .bytea)
        return Data(reader.readRemaining())
    }
}

/// `[UInt8]` is `bytea` rather than an array of one-byte values: `UInt8` is an array element whose
/// array form is the byte string itself.
extension UInt8: PostgresArrayElement {
    public static var postgresArrayDataType: PostgresDataType { .bytea }

    public static func encodeArray(_ elements: [UInt8], into buffer: inout PostgresBinaryBuffer) {
        buffer.writeBytes(elements)
    }

    public static func decodeArray(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> [UInt8] {
        try Data.expect(type, in: .bytea)
        return Array(reader.readRemaining())
    }
}
