/// Decodes `Decodable` values from JSON, with the results of Foundation's `JSONDecoder` in its
/// default configuration (dates as seconds since 2001 unless told otherwise, data as Base64, default keys) at a fraction
/// of its cost: the text is scanned once into a `JSONTape`, and keyed containers look their keys up
/// in place instead of first building a dictionary of every member.
///
/// Errors are `DecodingError`s whose coding path names the member that failed, as Foundation's.
/// Foundation's scanner also reads JSON as UTF-16 or UTF-32; this one reads UTF-8 only.
public struct JSONTapeDecoder: Sendable {
    /// How `Date` values are read, as `JSONDecoder.DateDecodingStrategy`'s cases of the same names.
    public enum DateDecoding: Sendable {
        /// `Date`'s own conformance: seconds since 2001 (Foundation's default).
        case deferredToDate
        /// Text as `Date.ISO8601FormatStyle()` parses it (`2026-12-05T10:00:00Z`).
        case iso8601
    }

    public let dateDecoding: DateDecoding

    public init(dateDecoding: DateDecoding = .deferredToDate) {
        self.dateDecoding = dateDecoding
    }

    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let tape: JSONTape
        do {
            tape = try JSONTape(scanning: bytes)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: [], debugDescription: "The given data was not valid JSON: \(error).", underlyingError: error
            ))
        }
        return try JSONTapeValueDecoder(tape: tape, entry: 0, codingPath: [], dateDecoding: dateDecoding).decodeValue(T.self, at: 0, key: nil)
    }
}

/// A position in an array, as a coding path component.
struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue _: String) { nil }
}
