/// Reads the timestamps trackers send, as milliseconds since the Unix epoch (UTC):
///
/// * epoch seconds (`1717236000`, fractions allowed) or epoch milliseconds (`1717236000000`):
///   like Traccar, a number below 2³¹ is seconds, anything larger milliseconds;
/// * ISO-8601 (`2024-06-01T10:00:00Z`, `…T12:00:00.250+02:00`, `…+0200`), no zone meaning UTC;
/// * `yyyy-MM-dd HH:mm:ss` (the space form of the same, UTC).
public enum FixTime {
    public static func parse(_ text: some StringProtocol) -> Int64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }) { return epoch(String(text)) }
        return calendar(bytes)
    }

    private static func epoch(_ text: String) -> Int64? {
        guard let value = Double(text), value.isFinite, value >= 0, value < 1e15 else { return nil }
        return value < Double(Int32.max) ? Int64((value * 1000).rounded()) : Int64(value.rounded())
    }

    private static func calendar(_ bytes: [UInt8]) -> Int64? {
        var scanner = Scanner(bytes: bytes)
        guard let year = scanner.number(digits: 4), scanner.skip("-"), let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2), scanner.skip("T") || scanner.skip(" "),
              let hour = scanner.number(digits: 2), scanner.skip(":"), let minute = scanner.number(digits: 2), scanner.skip(":"),
              let second = scanner.number(digits: 2)
        else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 61 else {
            return nil
        }
        var milliseconds: Int64 = 0
        if scanner.skip(".") || scanner.skip(",") {
            var scale: Int64 = 100
            var digits = 0
            while let digit = scanner.digit() {
                milliseconds += Int64(digit) * scale
                scale /= 10
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        guard let offsetMinutes = zoneOffset(&scanner), scanner.atEnd else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offsetMinutes * 60)
        return seconds * 1000 + milliseconds
    }

    /// Minutes east of UTC; nil when malformed. No zone at all is UTC.
    private static func zoneOffset(_ scanner: inout Scanner) -> Int? {
        if scanner.atEnd || scanner.skip("Z") || scanner.skip("z") { return 0 }
        let sign: Int
        if scanner.skip("+") { sign = 1 } else if scanner.skip("-") { sign = -1 } else { return nil }
        guard let hours = scanner.number(digits: 2), hours <= 18 else { return nil }
        _ = scanner.skip(":")
        let minutes = scanner.atEnd ? 0 : scanner.number(digits: 2)
        guard let minutes, minutes < 60 else { return nil }
        return sign * (hours * 60 + minutes)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int64(era * 146_097 + dayOfEra - 719_468)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int? {
            guard index < bytes.count, FixTime.isDigit(bytes[index]) else { return nil }
            defer { index += 1 }
            return Int(bytes[index] - UInt8(ascii: "0"))
        }

        mutating func number(digits count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }
    }
}
