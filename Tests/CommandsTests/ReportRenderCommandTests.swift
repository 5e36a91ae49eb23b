import FieldOpsCore
import Commands
import Mesh
import Testing

@Suite("Report command validation")
struct ReportRenderCommandTests {
    @Test("a well-formed request passes")
    func valid() throws {
        try ReportRenderCommand(report: .dailySite, format: .pdf, from: "2026-12-01", to: "2026-12-01", siteID: "S-12").validate()
        try ReportRenderCommand(report: .monthly, format: .xlsx, from: "2024-02-01", to: "2024-02-29").validate()
    }

    @Test("each bad field is named", arguments: [
        (ReportRenderCommand(report: .weekly, format: .pdf, from: "2026-13-01", to: "2026-12-07"), "from"),
        (ReportRenderCommand(report: .weekly, format: .pdf, from: "2026-12-07", to: "2026-12-01"), "to"),
        (ReportRenderCommand(report: .weekly, format: .pdf, from: "2023-02-29", to: "2023-03-01"), "from"),
        (ReportRenderCommand(report: .dailySite, format: .pdf, from: "2026-12-01", to: "2026-12-01"), "site_id"),
        (ReportRenderCommand(report: .intervention, format: .csv, from: "2026-12-01", to: "2026-12-01", interventionID: "I-1"), "format"),
        (ReportRenderCommand(report: .invoice, format: .xlsx, from: "2024-01-01", to: "2025-06-01"), "to"),
    ])
    func invalid(command: ReportRenderCommand, field: String) {
        #expect(throws: MessageValidationError.self) { try command.validate() }
        do {
            try command.validate()
        } catch {
            #expect(error.fields[field] != nil, "\(error)")
        }
    }

    @Test("calendar days know month lengths and leap years")
    func calendar() {
        #expect(CalendarDay("2024-02-29") != nil)
        #expect(CalendarDay("2100-02-29") == nil)
        #expect(CalendarDay("2000-02-29") != nil)
        #expect(CalendarDay("2026-04-31") == nil)
        #expect(CalendarDay("26-04-01") == nil)
        #expect(CalendarDay("2026-01-01")!.distance(to: CalendarDay("2027-01-01")!) == 365)
    }
}
