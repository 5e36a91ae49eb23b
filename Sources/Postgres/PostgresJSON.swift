#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON document, sent as `jsonb` and read from `json` or `jsonb` columns.
///
/// It holds the encoded bytes, so encoding errors surface when the value is made (`init(encoding:)`
/// throws), never in the middle of building a query.
public struct PostgresJSON: Sendable, Hashable, PostgresEncodable, PostgresDecodable, PostgresArrayElement {
    /// jsonb's binary format is a version byte followed by the JSON text.
    private static let jsonbVersion: UInt8 = 1

    public let rawJSON: [UInt8]

    public init(rawJSON: [UInt8]) {
        self.rawJSON = rawJSON
    }

    public init(encoding value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws(PostgresError) {
        do {
            rawJSON = Array(try encoder.encode(value))
        } catch {
            throw PostgresError(code: .encoding, message: "cannot encode \(type(of: value)) as JSON: \(error)")
        }
    }

    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws(PostgresError) -> T {
        do {
            return try decoder.decode(T.self, from: Data(rawJSON))
        } catch {
            throw PostgresError(code: .decoding, message: "cannot decode JSON as \(T.self): \(error)")
        }
    }

    public static var postgresDataType: PostgresDataType { .jsonb }
    public static var postgresArrayDataType: PostgresDataType { .jsonbArray }

    public func encode(into buffer: inout PostgresBinaryBuffer) {
        buffer.writeInteger(Self.jsonbVersion)
        buffer.writeBytes(rawJSON)
    }

    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> PostgresJSON {
        switch type {
        case .json:
            return PostgresJSON(rawJSON: Array(reader.readRemaining()))
        case .jsonb:
            let version = try reader.readInteger(as: UInt8.self)
            guard version == jsonbVersion else { throw .malformed("jsonb format version \(version)") }
            return PostgresJSON(rawJSON: Array(reader.readRemaining()))
        default:
            throw .typeMismatch
        }
    }
}
