#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JSONTapeValueDecoder {
    /// The Foundation types `JSONDecoder` reads its own way rather than through their `Decodable`
    /// conformance: `Data` as Base64 text, `URL` as text, `Decimal` as a number, and `Date` as
    /// ISO 8601 text when so configured (otherwise its own conformance reads seconds since 2001).
    static func foundationTypes(dates: JSONTapeDecoder.DateDecoding) -> [Any.Type] {
        switch dates {
        case .deferredToDate: typesReadTheirOwnWay
        case .iso8601: typesReadTheirOwnWayWithISO8601Dates
        }
    }

    // Made once: every nested decoder asks for its list.
    private static let typesReadTheirOwnWay: [Any.Type] = [Data.self, URL.self, Decimal.self]
    private static let typesReadTheirOwnWayWithISO8601Dates: [Any.Type] = [Data.self, URL.self, Decimal.self, Date.self]

    /// Reads one of `foundationTypes(dates:)`.
    func decodeFoundationValue<T>(_: T.Type, at index: Int, key: (any CodingKey)?) throws -> T {
        if T.self == Date.self {
            let text = try decodeString(at: index, key: key)
            guard let date = try? Date.ISO8601FormatStyle().parse(text) else {
                throw corrupted("Expected date string to be ISO8601-formatted.", key: key)
            }
            return date as! T
        }
        if T.self == Data.self {
            guard let data = Data(base64Encoded: try decodeString(at: index, key: key)) else {
                throw corrupted("Encountered Data is not valid Base64.", key: key)
            }
            return data as! T
        }
        if T.self == URL.self {
            guard let url = URL(string: try decodeString(at: index, key: key)) else { throw corrupted("Invalid URL string.", key: key) }
            return url as! T
        }
        if T.self == Decimal.self {
            let found = tape.entries[index]
            guard found.kind == .number else { throw mismatch(Decimal.self, found: found, key: key) }
            guard JSONNumberText(tape.slice(found)) != nil, let decimal = Decimal(string: String(decoding: tape.slice(found), as: UTF8.self)) else {
                throw corrupted("Parsed JSON number is not a valid Decimal.", key: key)
            }
            return decimal as! T
        }
        preconditionFailure("\(T.self) is not one of the Foundation types read here")
    }
}
