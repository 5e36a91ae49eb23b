import FieldOpsCore
import Foundation
import Geo

extension FieldType {
    /// The value as stored, normalised (e-mails lower-cased, UUIDs lower-cased, numbers as doubles),
    /// or a message saying what is expected. `null` is handled by the caller.
    func validate(_ value: JSONValue) -> Result<JSONValue, FieldMessage> {
        switch (self, value) {
        case (.text(let maxLength, let allowsEmpty), .string(let text)):
            if text.unicodeScalars.contains("\0") { return .failure("must not contain NUL characters") }
            if !allowsEmpty, text.allSatisfy(\.isWhitespace) { return .failure("must not be empty") }
            return text.count <= maxLength ? .success(value) : .failure("must be at most \(maxLength) characters")
        case (.email, .string(let text)):
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), text.utf8.count <= 254,
                  !text.contains(where: { $0.isWhitespace }) else { return .failure("must be an e-mail address") }
            return .success(.string(text.lowercased()))
        case (.uuid, .string(let text)):
            guard let uuid = UUID(uuidString: text) else { return .failure("must be a UUID") }
            return .success(.string(uuid.uuidString.lowercased()))
        case (.integer(let range), .int(let number)):
            guard range.contains(number) else { return .failure("must be a whole number from \(range.lowerBound) to \(range.upperBound)") }
            return .success(value)
        case (.number(let range), .int(let number)):
            return FieldType.number(range).validate(.double(Double(number)))
        case (.number(let range), .double(let number)):
            guard number.isFinite, range.contains(number) else {
                return .failure("must be a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))")
            }
            return .success(value)
        case (.boolean, .bool):
            return .success(value)
        case (.date, .string(let text)):
            return CalendarDay(text) != nil ? .success(value) : .failure("must be a date YYYY-MM-DD")
        case (.timestamp, .string(let text)):
            return ISO8601Timestamp.parse(text) != nil ? .success(value) : .failure("must be an ISO 8601 timestamp with a time zone")
        case (.enumeration(let allowed), .string(let text)):
            return allowed.contains(text) ? .success(value) : .failure("must be one of \(allowed.joined(separator: ", "))")
        case (.codes(let maxCount), .array(let items)):
            let codes = items.compactMap { item -> String? in if case .string(let code) = item { code } else { nil } }
            guard codes.count == items.count, codes.allSatisfy(Self.isCode) else { return .failure("must be a list of codes") }
            guard codes.count <= maxCount, Set(codes).count == codes.count else {
                return .failure("must hold at most \(maxCount) distinct codes")
            }
            return .success(value)
        case (.geofence, .object(let members)):
            return Self.validateGeofence(members)
        case (.orderLines, .array(let lines)):
            return Self.validateOrderLines(lines)
        default:
            return .failure("must be \(expectation)")
        }
    }

    /// Checks a string that does not come from a JSON body (a form field, a decoded struct member).
    public func validateText(_ text: String) -> Result<String, FieldMessage> {
        validate(.string(text)).map { _ in text }
    }

    private var expectation: String {
        switch self {
        case .text: "a string"
        case .email: "an e-mail address"
        case .uuid: "a UUID"
        case .integer: "a whole number"
        case .number: "a number"
        case .boolean: "true or false"
        case .date: "a date YYYY-MM-DD"
        case .timestamp: "an ISO 8601 timestamp with a time zone"
        case .enumeration(let allowed): "one of " + allowed.joined(separator: ", ")
        case .codes: "a list of codes"
        case .geofence: "an object with radius_m or polygon"
        case .orderLines: "a list of order lines"
        }
    }

    private static func isCode(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2D || byte == 0x2E
        }
    }

    private static func format(_ bound: Double) -> String {
        bound == bound.rounded() && abs(bound) < 1e15 ? String(Int64(bound)) : String(bound)
    }

    private static func validateGeofence(_ members: [String: JSONValue]) -> Result<JSONValue, FieldMessage> {
        guard Set(members.keys).isSubset(of: ["radius_m", "polygon"]) else { return .failure("may only hold radius_m or polygon") }
        let radius: Double? = switch members["radius_m"] {
        case .int(let value)?: Double(value)
        case .double(let value)?: value
        default: nil
        }
        var polygon: [[Double]]?
        if case .array(let vertices)? = members["polygon"] {
            polygon = vertices.map { vertex in
                guard case .array(let pair) = vertex else { return [] }
                return pair.compactMap { coordinate in
                    switch coordinate {
                    case .int(let value): Double(value)
                    case .double(let value): value
                    default: nil
                    }
                }
            }
        }
        if members["radius_m"] != nil, radius == nil { return .failure("radius_m must be a number") }
        if members["polygon"] != nil, polygon == nil { return .failure("polygon must be a list of [latitude, longitude]") }
        do {
            _ = try Geofence(radiusMeters: radius, polygon: polygon, center: GeoPoint(latitude: 0, longitude: 0))
        } catch {
            return .failure(FieldMessage(error.description))
        }
        return .success(.object(members))
    }

    private static func validateOrderLines(_ lines: [JSONValue]) -> Result<JSONValue, FieldMessage> {
        guard lines.count <= 500 else { return .failure("holds at most 500 lines") }
        for (index, line) in lines.enumerated() {
            guard case .object(let members) = line, Set(members.keys) == ["material", "quantity", "unit_price"] else {
                return .failure("line \(index) must have exactly material, quantity and unit_price")
            }
            guard case .string(let material)? = members["material"], isCode(material),
                  case .success = FieldType.number(0.001...1e9).validate(members["quantity"]!),
                  case .success = FieldType.number(0...1e9).validate(members["unit_price"]!)
            else { return .failure("line \(index) needs a material reference, a positive quantity and a unit price ≥ 0") }
        }
        return .success(.array(lines))
    }
}

/// A validation message for one field (a type so `Result` can carry it).
public struct FieldMessage: Error, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let text: String
    public init(_ text: String) { self.text = text }
    public init(stringLiteral text: String) { self.text = text }
    public var description: String { text }
}
