import Foundation

extension Date {
    /// UTC, second precision (`2025-03-01T08:15:00Z`): how every operator command prints a time.
    var iso8601Text: String { formatted(Date.ISO8601FormatStyle()) }
}
