/// Strict ISO 8601 timestamps with a time zone, as the API accepts them:
/// `2026-12-04T08:30:00Z`, `2026-12-04T08:30:00.250+01:00`. A timestamp without a zone is refused:
/// on a site in another time zone it would be ambiguous.
public enum ISO8601Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z, or nil when `text` is not such a timestamp.
    public static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              let day = CalendarDay(String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > start, index - start <= 9, let digits = number(bytes[start..<index]) else { return nil }
            fraction = Double(digits) / pow10(index - start)
        }
        guard index < bytes.count else { return nil }
        let offsetSeconds: Int
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
            offsetSeconds = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let offsetHours = number(bytes[(index + 1)..<(index + 3)]), let offsetMinutes = number(bytes[(index + 4)..<(index + 6)]),
                  offsetHours <= 18, offsetMinutes < 60
            else { return nil }
            let magnitude = offsetHours * 3600 + offsetMinutes * 60
            offsetSeconds = bytes[index] == UInt8(ascii: "+") ? magnitude : -magnitude
        default:
            return nil
        }
        let daySeconds = Double(day.distance(to: epoch)) * -86_400
        return daySeconds + Double(hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
    }

    private static let epoch = CalendarDay("1970-01-01")!

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }
}
