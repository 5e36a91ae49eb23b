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
}
