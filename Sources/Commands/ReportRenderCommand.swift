import FieldOpsCore
import Mesh

/// Render one report for a tenant: `POST /v1/reports` publishes it, the reports worker renders it.
public struct ReportRenderCommand: MeshMessage, Equatable {
    public static let type = "report.render.v1"
    public static let routingKey = "report.render"
    /// Who submits the reports the platform schedules (`fieldopsctl reports schedule`): nobody to notify.
    public static let scheduledSubmitter = "scheduler"

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case dailySite = "daily_site"
        case weekly
        case monthly
        case timesheet
        case intervention
        case invoice
    }

    public enum Format: String, Codable, Sendable, CaseIterable {
        case pdf, xlsx, csv
    }

    public var report: Kind
    public var format: Format
    /// Calendar days, `YYYY-MM-DD`, inclusive.
    public var from: String
    public var to: String
    public var siteID: String?
    public var interventionID: String?

    public init(report: Kind, format: Format, from: String, to: String, siteID: String? = nil, interventionID: String? = nil) {
        self.report = report
        self.format = format
        self.from = from
        self.to = to
        self.siteID = siteID
        self.interventionID = interventionID
    }

    enum CodingKeys: String, CodingKey {
        case report, format, from, to, siteID = "site_id", interventionID = "intervention_id"
    }

    public func validate() throws(MessageValidationError) {
        var problems: [String: String] = [:]
        let start = CalendarDay(from)
        let end = CalendarDay(to)
        if start == nil { problems["from"] = "must be a date YYYY-MM-DD" }
        if end == nil { problems["to"] = "must be a date YYYY-MM-DD" }
        if let start, let end {
            if end < start { problems["to"] = "must not be before from" }
            if start.distance(to: end) > 366 { problems["to"] = "the period is at most 366 days" }
        }
        if report == .dailySite, siteID == nil { problems["site_id"] = "is required for a daily site report" }
        if report == .intervention, interventionID == nil { problems["intervention_id"] = "is required for an intervention report" }
        if report == .intervention, format == .csv { problems["format"] = "an intervention report is a PDF or XLSX document" }
        guard problems.isEmpty else { throw MessageValidationError(problems) }
    }
}
