import Commands
import FieldOpsCrypto
import Foundation

/// How often a tenant's reports are produced, and which reports each run makes.
public enum ReportCadence: String, Sendable, CaseIterable {
    case daily, weekly, monthly

    /// The period a run on `today` covers: yesterday, the previous Monday–Sunday week, or the
    /// previous calendar month (UTC days).
    public func period(endingBefore today: Date) -> (from: String, to: String) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.startOfDay(for: today)
        switch self {
        case .daily:
            let yesterday = calendar.date(byAdding: .day, value: -1, to: start)!
            return (Self.text(yesterday, calendar), Self.text(yesterday, calendar))
        case .weekly:
            let thisWeek = calendar.dateInterval(of: .weekOfYear, for: start)!.start
            let previous = calendar.date(byAdding: .day, value: -7, to: thisWeek)!
            return (Self.text(previous, calendar), Self.text(calendar.date(byAdding: .day, value: 6, to: previous)!, calendar))
        case .monthly:
            let thisMonth = calendar.dateInterval(of: .month, for: start)!.start
            let previous = calendar.date(byAdding: .month, value: -1, to: thisMonth)!
            return (Self.text(previous, calendar), Self.text(calendar.date(byAdding: .day, value: -1, to: thisMonth)!, calendar))
        }
    }

    /// The commands of one run for a tenant: a daily site report per active site each day; each
    /// week and month the summary, the timesheets and the invoice-ready export.
    public func commands(endingBefore today: Date, activeSites: [UUID]) -> [ReportRenderCommand] {
        let (from, to) = period(endingBefore: today)
        switch self {
        case .daily:
            return activeSites.map { ReportRenderCommand(report: .dailySite, format: .pdf, from: from, to: to, siteID: $0.uuidString.lowercased()) }
        case .weekly, .monthly:
            return [
                ReportRenderCommand(report: self == .weekly ? .weekly : .monthly, format: .pdf, from: from, to: to),
                ReportRenderCommand(report: .timesheet, format: .xlsx, from: from, to: to),
                ReportRenderCommand(report: .invoice, format: .xlsx, from: from, to: to),
            ]
        }
    }

    /// The job id of a scheduled report: the same tenant, report, format, period and site always
    /// give the same id, so running the schedule twice submits each report once.
    public static func jobID(tenant: String, command: ReportRenderCommand) -> UUID {
        let name = ["scheduled", tenant, command.report.rawValue, command.format.rawValue, command.from, command.to, command.siteID ?? ""]
            .joined(separator: "|")
        var bytes = Array(SHA256.digest(Array(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // version 5 layout (name-based), SHA-256 in place of SHA-1
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    private static func text(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
