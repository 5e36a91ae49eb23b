import Foundation

/// One planning day of a tenant: its date, and where its minutes start. The solver counts minutes
/// from `midnight` (in the tenant's planning time zone); a day is 1 380 or 1 500 minutes long when
/// the clocks change.
public struct PlanningDay: Sendable, Hashable {
    /// `YYYY-MM-DD`.
    public let date: String
    /// Days since 1970-01-01, what certifications are checked against.
    public let ordinal: Int
    public let midnight: Date
    public let lengthMinutes: Int

    public init(date: String, ordinal: Int, midnight: Date, lengthMinutes: Int) {
        self.date = date
        self.ordinal = ordinal
        self.midnight = midnight
        self.lengthMinutes = lengthMinutes
    }

    /// The instant `minute` minutes after midnight (minutes of elapsed time, so DST is exact).
    public func instant(_ minute: Int) -> Date {
        midnight.addingTimeInterval(TimeInterval(minute * 60))
    }

    /// The next day's midnight.
    public var end: Date { instant(lengthMinutes) }

    /// Minutes from midnight to `instant`, rounded to the nearest minute.
    public func minute(of instant: Date) -> Int {
        Int((instant.timeIntervalSince(midnight) / 60).rounded())
    }

    public func timestamp(_ minute: Int) -> String {
        instant(minute).formatted(.iso8601)
    }
}
