import Foundation
import ReportRendering

/// Conversions from decoded database values to report cells.
///
/// Queries turn timestamps into the site's wall clock (`at AT TIME ZONE sites.time_zone`, a
/// `timestamp` the driver reads as UTC), so the cell shows the time as read on site.
enum ReportValues {
    static func dateTime(_ wallClock: Date?) -> ReportCell {
        guard let wallClock else { return .empty }
        return .dateTime(CivilDateTime(secondsSince1970: Int64(wallClock.timeIntervalSince1970.rounded(.down))))
    }

    static func date(_ day: Date?) -> ReportCell {
        guard let day else { return .empty }
        return .date(civilDate(day))
    }

    static func civilDate(_ day: Date) -> CivilDate {
        CivilDate(daysSince1970: Int((day.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    static func number(_ value: Decimal?) -> ReportCell {
        guard let value else { return .empty }
        return .number(NSDecimalNumber(decimal: value).doubleValue)
    }

    static func number(_ value: Double?) -> ReportCell {
        value.map(ReportCell.number) ?? .empty
    }

    static func double(_ value: Decimal) -> Double {
        NSDecimalNumber(decimal: value).doubleValue
    }
}
