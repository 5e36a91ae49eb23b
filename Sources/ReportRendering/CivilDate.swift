/// A calendar day without a time zone, as shown in a report.
public struct CivilDate: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` after 1970-01-01 (Howard Hinnant's civil-from-days, proleptic Gregorian).
    public init(daysSince1970 days: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// `2026-12-04`.
    public var iso: String { "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))" }

    /// `04/12/2026`, as French documents write a date.
    public var display: String { "\(Self.padded(day, 2))/\(Self.padded(month, 2))/\(Self.padded(year, 4))" }

    /// `04/12`, for chart axes.
    public var dayAndMonth: String { "\(Self.padded(day, 2))/\(Self.padded(month, 2))" }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// A wall-clock date and time (minute precision is what reports show).
public struct CivilDateTime: Sendable, Hashable, Comparable {
    public let date: CivilDate
    public let hour: Int
    public let minute: Int
    public let second: Int

    public init(date: CivilDate, hour: Int, minute: Int, second: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The wall-clock time `seconds` after 1970-01-01 00:00 (no time zone applied).
    public init(secondsSince1970 seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        self.init(date: CivilDate(daysSince1970: Int(days)), hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
    }

    /// `2026-12-04 08:05` (ISO order, readable in CSV).
    public var iso: String { "\(date.iso) \(CivilDate.padded(hour, 2)):\(CivilDate.padded(minute, 2))" }

    /// `04/12/2026 08:05`.
    public var display: String { "\(date.display) \(CivilDate.padded(hour, 2)):\(CivilDate.padded(minute, 2))" }

    public static func < (lhs: CivilDateTime, rhs: CivilDateTime) -> Bool {
        (lhs.date, lhs.hour, lhs.minute, lhs.second) < (rhs.date, rhs.hour, rhs.minute, rhs.second)
    }
}
