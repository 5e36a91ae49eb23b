#if canImport(Glibc)
import Glibc
#endif

/// A UTC instant in the two forms SigV4 signs: `20130524T000000Z` and the day `20130524`.
public struct AmzTimestamp: Sendable, Equatable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static func now() -> AmzTimestamp {
        AmzTimestamp(secondsSinceEpoch: Int64(time(nil)))
    }

    /// `YYYYMMDD'T'HHMMSS'Z'`.
    public var dateTime: String {
        let seconds = secondsSinceEpoch - Self.floorDivide(secondsSinceEpoch, 86_400) * 86_400
        return date + "T" + Self.twoDigits(seconds / 3600) + Self.twoDigits(seconds / 60 % 60) + Self.twoDigits(seconds % 60) + "Z"
    }

    /// `YYYYMMDD`, the credential scope's day.
    public var date: String {
        // Days to a proleptic Gregorian date (H. Hinnant's civil_from_days).
        let days = Self.floorDivide(secondsSinceEpoch, 86_400) + 719_468
        let era = Self.floorDivide(days, 146_097)
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(year) + Self.twoDigits(month) + Self.twoDigits(day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
