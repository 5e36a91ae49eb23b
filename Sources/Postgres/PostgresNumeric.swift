#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// PostgreSQL's binary `numeric`: base-10000 digits, a weight (the power of 10000 of the first
/// digit), a sign and a display scale. Converted through decimal text so no precision is lost.
struct PostgresNumeric {
    private static let positive: UInt16 = 0x0000
    private static let negative: UInt16 = 0x4000
    private static let notANumber: UInt16 = 0xC000

    private var digits: [Int16]
    private var weight: Int16
    private var sign: UInt16
    private var scale: Int16

    init(from reader: inout PostgresBinaryReader) throws(PostgresDecodingFailure) {
        let count = try reader.readInteger(as: Int16.self)
        weight = try reader.readInteger(as: Int16.self)
        sign = try reader.readInteger(as: UInt16.self)
        scale = try reader.readInteger(as: Int16.self)
        guard count >= 0, scale >= 0 else { throw .malformed("numeric with \(count) digits and scale \(scale)") }
        digits = []
        digits.reserveCapacity(Int(count))
        for _ in 0..<count {
            let digit = try reader.readInteger(as: Int16.self)
            guard (0..<10000).contains(digit) else { throw .malformed("numeric digit \(digit) out of range") }
            digits.append(digit)
        }
    }

    /// Parses plain decimal text (`-123.4500`, as `Decimal.description` writes it).
    init?(text: String) {
        if text == "NaN" {
            (digits, weight, sign, scale) = ([], 0, Self.notANumber, 0)
            return
        }
        var body = Substring(text)
        sign = body.first == "-" ? Self.negative : Self.positive
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = String(parts[0]), fractionPart = parts.count > 1 ? String(parts[1]) : ""
        guard !(integerPart.isEmpty && fractionPart.isEmpty),
              (integerPart + fractionPart).allSatisfy({ $0.isASCII && $0.isNumber }),
              fractionPart.count <= Int(Int16.max) else { return nil }
        scale = Int16(fractionPart.count)
        // Pad both sides to whole groups of four decimal digits around the decimal point.
        let integerDigits = String(repeating: "0", count: (4 - integerPart.count % 4) % 4) + integerPart
        let fractionDigits = fractionPart + String(repeating: "0", count: (4 - fractionPart.count % 4) % 4)
        var groups = Self.groups(of: integerDigits) + Self.groups(of: fractionDigits)
        var leadingWeight = integerDigits.count / 4 - 1
        while let first = groups.first, first == 0 {
            groups.removeFirst()
            leadingWeight -= 1
        }
        while let last = groups.last, last == 0 { groups.removeLast() }
        guard let shortWeight = Int16(exactly: leadingWeight) else { return nil }
        digits = groups
        weight = groups.isEmpty ? 0 : shortWeight
        if groups.isEmpty { sign = Self.positive }
    }

    private static func groups(of decimalDigits: String) -> [Int16] {
        let bytes = Array(decimalDigits.utf8)
        return stride(from: 0, to: bytes.count, by: 4).map { start in
            bytes[start..<start + 4].reduce(Int16(0)) { $0 * 10 + Int16($1 - UInt8(ascii: "0")) }
        }
    }

    /// The exact decimal text, with as many fraction digits as the display scale says.
    var text: String {
        if sign == Self.notANumber { return "NaN" }
        var integer = ""
        if weight < 0 {
            integer = "0"
        } else {
            for index in 0...Int(weight) {
                let digit = index < digits.count ? digits[index] : 0
                let group = String(digit)
                integer += index == 0 ? group : String(repeating: "0", count: 4 - group.count) + group
            }
        }
        var fraction = ""
        var index = Int(weight) + 1
        while fraction.count < Int(scale) {
            let digit = index >= 0 && index < digits.count ? digits[index] : 0
            let group = String(digit)
            fraction += String(repeating: "0", count: 4 - group.count) + group
            index += 1
        }
        let signText = sign == Self.negative ? "-" : ""
        return scale > 0 ? signText + integer + "." + fraction.prefix(Int(scale)) : signText + integer
    }

    func encode(into buffer: inout PostgresBinaryBuffer) {
        buffer.writeInteger(Int16(digits.count))
        buffer.writeInteger(weight)
        buffer.writeInteger(sign)
        buffer.writeInteger(scale)
        for digit in digits { buffer.writeInteger(digit) }
    }
}

extension Decimal: PostgresEncodable, PostgresDecodable, PostgresArrayElement {
    public static var postgresDataType: PostgresDataType { .numeric }
    public static var postgresArrayDataType: PostgresDataType { .numericArray }

    public func encode(into buffer: inout PostgresBinaryBuffer) {
        // `Decimal.description` is plain decimal text (never exponent notation), which always parses.
        (PostgresNumeric(text: description) ?? PostgresNumeric(text: "NaN")!).encode(into: &buffer)
    }

    public static func decode(from reader: inout PostgresBinaryReader, type: PostgresDataType) throws(PostgresDecodingFailure) -> Decimal {
        try expect(type, in: .numeric)
        let text = try PostgresNumeric(from: &reader).text
        if text == "NaN" { return .nan }
        guard let value = Decimal(string: text, locale: nil) else { throw .malformed("numeric \(text) does not fit in Decimal") }
        return value
    }
}
