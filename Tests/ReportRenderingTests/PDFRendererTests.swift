import Foundation
import ReportRendering
import TestSupport
import Testing

@Suite struct PDFRendererTests {
    @Test func aThousandRowReportReadsBackWithItsPagesHeadersAccentsAndTotals() async throws {
        let path = Fixtures.temporaryPath(".pdf")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await PDFRenderer().render(Fixtures.document(rows: 1000, streamed: true), to: path)
        #expect(result.rows == 1000)
        let pages = try #require(result.pages)
        #expect(pages > 15)

        let info = try await ExternalTool.run("pdfinfo", [path])
        #expect(info.contains("Pages:") && info.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" \(pages)") })
        #expect(info.contains("Relevé d'heures"))

        let text = try await ExternalTool.run("pdftotext", ["-layout", path, "-"])
        let pageTexts = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        #expect(pageTexts.count == pages)
        for (index, page) in pageTexts.enumerated() {
            #expect(page.contains("page \(index + 1) / \(pages)"))
            #expect(page.contains("Bâtiments Réunis SARL"))
            if index > 0 { #expect(page.contains("Technicien") && page.contains("Montant"), "page \(index + 1) lacks the table header") }
        }
        #expect(text.contains("Élodie Marchand-Lefèvre #0"))
        #expect(text.contains("Zoë Ångström-Œuvray #998"))
        for index in [0, 1, 499, 999] { #expect(text.contains("#\(index) "), "row \(index) missing") }
        // Sum of index * 1.25 for 0..<1000 = 624 375,00 €.
        #expect(text.contains("624 375,00 €"))
        #expect(text.contains("Heures par semaine"))
    }

    @Test func rightToLeftWordsAndCharactersNoFontHasRenderBesideOrdinaryCells() async throws {
        let path = Fixtures.temporaryPath(".pdf")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let hebrew = "\u{05E9}\u{05DC}\u{05D5}\u{05DD}"
        let rows: [[ReportCell]] = (0..<40).map { index in
            [
                .text(index % 2 == 0 ? "Chantier \(hebrew) nord #\(index)" : "Réf. \u{0378} inconnue #\(index)"),
                .date(CivilDate(year: 2026, month: 12, day: 1 + index % 28)), .number(1), .number(Double(index)),
            ]
        }
        let document = ReportDocument(title: "Écritures mêlées", tenantName: "Bâtiments Réunis SARL", sections: [
            ReportSection(title: "Lignes", blocks: [.table(ReportTable(columns: Fixtures.columns, rows: .inline(rows)))]),
        ])
        let result = try await PDFRenderer().render(document, to: path)
        #expect(result.rows == 40)

        let text = try await ExternalTool.run("pdftotext", ["-layout", path, "-"])
        for index in [0, 38] { #expect(text.contains("Chantier") && text.contains("nord #\(index)"), "row \(index) missing") }
        for index in [1, 39] { #expect(text.contains("inconnue #\(index)"), "row \(index) missing") }
        // U+0378 is in no font: pango draws it as a box holding its code point, 03 over 78.
        #expect(text.split(separator: "\n").contains { $0.contains("Réf.") && $0.contains("03") })
        #expect(text.contains(hebrew) || text.contains(String(hebrew.reversed())))
        #expect(text.contains("780,00 €"))
    }
}
