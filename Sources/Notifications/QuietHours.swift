#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A daily window, in the person's local time, during which nothing buzzes: `start` and `end` are
/// minutes after midnight, and the window may cross midnight (22:00–07:00).
public struct QuietHours: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init?(start: Int, end: Int) {
        guard (0..<1440).contains(start), (0..<1440).contains(end), start != end else { return nil }
        self.start = start
        self.end = end
    }

    /// `HH:MM` to minutes after midnight.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    public static func text(_ minutes: Int) -> String {
        let hour = minutes / 60, minute = minutes % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public func contains(minuteOfDay minute: Int) -> Bool {
        start < end ? (start..<end).contains(minute) : (minute >= start || minute < end)
    }

    /// When the window that holds `date` ends, or nil when `date` is outside it.
    public func end(containing date: Date, calendar: Calendar) -> Date? {
        guard contains(minuteOfDay: calendar.minuteOfDay(date)) else { return nil }
        return calendar.nextDate(after: date, matching: DateComponents(hour: end / 60, minute: end % 60), matchingPolicy: .nextTime)
    }
}

extension Calendar {
    /// A Gregorian calendar in `identifier`'s time zone; UTC when the identifier is unknown.
    public static func local(timeZone identifier: String) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
        return calendar
    }

    func minuteOfDay(_ date: Date) -> Int {
        let parts = dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }
}
