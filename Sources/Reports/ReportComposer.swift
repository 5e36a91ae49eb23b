import Commands
import ReportRendering

/// Builds the document a render command asks for.
public struct ReportComposer: Sendable {
    public init() {}

    /// Run inside a transaction on `context.connection`: streamed tables read from cursors that live
    /// as long as it does, so the document must be rendered before it ends.
    public func document(for context: ReportContext) async throws -> ReportDocument {
        switch context.command.report {
        case .dailySite: try await DailySiteReport(context: context).document()
        case .weekly: try await PeriodSummaryReport(context: context, title: "Synthèse hebdomadaire").document()
        case .monthly: try await PeriodSummaryReport(context: context, title: "Synthèse mensuelle").document()
        case .timesheet: try await TimesheetReport(context: context).document()
        case .intervention: try await InterventionReport(context: context).document()
        case .invoice: try await InvoiceExport(context: context).document()
        }
    }
}
