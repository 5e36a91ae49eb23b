import Foundation
import ReportRendering
import Testing

@Suite struct CSVWriterTests {
    @Test func fieldsAreQuotedAsRFC4180SaysAndFormulasAreNeutralised() async throws {
        let columns = [ReportColumn("Nom"), ReportColumn("Note"), ReportColumn("Heures", format: .hours), ReportColumn("Jour", format: .date)]
        let rows: [[ReportCell]] = [
            [.text("Dupré, Jérôme"), .text("dit \"Jo\""), .number(7.5), .date(CivilDate(year: 2026, month: 12, day: 4))],
            [.text("Line\nbreak"), .text("=HYPERLINK(\"x\")"), .empty, .empty],
        ]
        let document = ReportDocument(title: "t", tenantName: "n", sections: [
            ReportSection(title: "s", blocks: [.table(ReportTable(columns: columns, rows: .inline(rows)))]),
        ])
        let path = Fixtures.temporaryPath(".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await CSVWriter().write(document, to: path)
        #expect(result == RenderedReport(pages: nil, rows: 2))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "Nom,Note,Heures,Jour\r\n\"Dupré, Jérôme\",\"dit \"\"Jo\"\"\",7.50,2026-12-04\r\n\"Line\nbreak\",\"'=HYPERLINK(\"\"x\"\")\",,\r\n")
    }

    @Test func aStreamThatDeliversFewerRowsThanAnnouncedFails() async throws {
        let rows = (0..<10).map(Fixtures.row)
        let table = ReportTable(columns: Fixtures.columns, rows: .streamed(count: 11, cursor: BatchCursor(rows: rows, batchSize: 4)))
        let document = ReportDocument(title: "t", tenantName: "n", sections: [ReportSection(title: "s", blocks: [.table(table)])])
        let path = Fixtures.temporaryPath(".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        await #expect(throws: ReportRenderingError.rowCountMismatch(expected: 11, actual: 10)) {
            try await CSVWriter().write(document, to: path)
        }
    }
}
