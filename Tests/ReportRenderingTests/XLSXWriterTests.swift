import Foundation
import ReportRendering
import TestSupport
import Testing

@Suite struct XLSXWriterTests {
    @Test func theWorkbookHasTypedCellsFormulasAFrozenHeaderAndAnAutofilter() async throws {
        let path = Fixtures.temporaryPath(".xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await XLSXWriter().write(Fixtures.document(rows: 1500, streamed: true), to: path)
        #expect(result == RenderedReport(pages: nil, rows: 1500))
        let script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            detail = book["Détail"]
            header = next(r for r in range(1, 10) if detail.cell(r, 1).value == "Technicien")
            last = header + 1500
            print(json.dumps({
                "sheets": book.sheetnames,
                "freeze": detail.freeze_panes,
                "filter": detail.auto_filter.ref,
                "name": detail.cell(header + 1, 1).value,
                "date_type": type(detail.cell(header + 1, 2).value).__name__,
                "date_format": detail.cell(header + 1, 2).number_format,
                "hours": detail.cell(header + 2, 3).value,
                "amount_format": detail.cell(header + 2, 4).number_format,
                "total_formula": detail.cell(last + 1, 4).value,
                "total_label": detail.cell(last + 1, 1).value,
                "last_name": detail.cell(last, 1).value,
                "charts": len(book["Synthèse"]._charts),
            }))
            """
        let output = try await ExternalTool.run("python", ["-c", script, path])
        let values = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        #expect(values["sheets"] as? [String] == ["Synthèse", "Détail"])
        #expect(values["freeze"] as? String == "A5")
        #expect(values["filter"] as? String == "A4:D1504")
        #expect(values["name"] as? String == "Élodie Marchand-Lefèvre #0")
        #expect(values["date_type"] as? String == "datetime")
        #expect(values["date_format"] as? String == "dd/mm/yyyy")
        #expect(values["hours"] as? Double == 1.5)
        #expect((values["amount_format"] as? String)?.contains("€") == true)
        #expect(values["total_formula"] as? String == "=SUM(D5:D1504)")
        #expect(values["total_label"] as? String == "Total")
        #expect(values["last_name"] as? String == "Hélène d'Arçais #1499")
        #expect(values["charts"] as? Int == 1)
    }
}
