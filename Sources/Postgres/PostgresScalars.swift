#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Text, booleans, floating point, UUIDs: the types whose binary form is their raw bytes.

extension String: PostgresEncodable, PostgresDecodable, PostgresArrayElement {
    public static var postgresDataType: PostgresDataType { .text }
    public static var postgresArrayDataType: PostgresDataType { .textArray }

    /// PostgreSQL text cannot hold U+0000: the server rejects such a value with SQLSTATE 22021
    /// (character_not_in_repertoire). Send bytes that may contain NUL as `[UInt8]`/`Data` (bytea).
    public func encode(into buffer: inout PostgresBinaryBuffer) {
        buffer.writeString(self)
    }

    /// Reads the textual types, and `numeric` as its exact decimal text (no rounding).
    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> String {
        switch type {
        case .text, .varchar, .bpchar, .name:
            return String(decoding: reader.readRemaining(), as: UTF8.self)
        case .numeric:
            return try PostgresNumeric(from: &reader).text
        default:
            throw .typeMismatch
        }
    }
}

extension Bool: PostgresEncodable, PostgresDecodable, PostgresArrayElement {
    public static var postgresDataType: PostgresDataType { .bool }
    public static var postgresArrayDataType: PostgresDataType { .boolArray }

    public func encode(into buffer: inout PostgresBinaryBuffer) {
        buffer.writeInteger(UInt8(self ? 1 : 0))
    }

    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> Bool {
        try expect(type, in: .bool)
        return try reader.readInteger(as: UInt8.self) != 0
    }
}

extension Double: PostgresEncodable, PostgresDecodable, PostgresArrayElement {
    public static var postgresDataType: PostgresDataType { .float8 }
    public static var postgresArrayDataType: PostgresDataType { .float8Array }

    public func encode(into buffer: inout PostgresBinaryBuffer) {
        buffer.writeInteger(bitPattern)
    }

    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> Double {
        switch type {
        case .float8: return Double(bitPattern: try reader.readInteger(as: UInt64.self))
        case .float4: return Double(Float(bitPattern: try reader.readInteger(as: UInt32.self)))
        default: throw .typeMismatch
        }
    }
}

extension Float: PostgresEncodable, PostgresDecodable, PostgresArrayElement {
    public static var postgresDataType: PostgresDataType { .float4 }
    public static var postgresArrayDataType: PostgresDataType { .float4Array }

    public func encode(into buffer: inout PostgresBinaryBuffer) {
        buffer.writeInteger(bitPattern)
    }

    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> Float {
        try expect(type, in: .float4)
        return Float(bitPattern: try reader.readInteger(as: UInt32.self))
    }
}

extension UUID: PostgresEncodable, PostgresDecodable, PostgresArrayElement {
    public static var postgresDataType: PostgresDataType { .uuid }
    public static var postgresArrayDataType: PostgresDataType { .uuidArray }

    public func encode(into buffer: inout PostgresBinaryBuffer) {
        withUnsafeBytes(of: uuid) { buffer.writeBytes($0) }
    }

    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> UUID {
        try expect(type, in: .uuid)
        let bytes = try reader.readBytes(count: 16)
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: bytes) }
        return UUID(uuid: value)
    }
}
