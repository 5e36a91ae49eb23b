import ReportRendering
import Testing

@Suite struct LayoutEngineTests {
    let engine = LayoutEngine(geometry: .a4, measuring: FixedWidthMeasuring())

    @Test func aLongTableBreaksAcrossPagesWithItsHeaderOnEveryPageAndEveryRowOnce() {
        let layout = engine.layout(Fixtures.document(rows: 1234))
        var covered: [Int] = []
        var pagesWithRows = 0
        for page in layout.pages {
            var headerSeen = false
            for item in page.items {
                switch item {
                case .tableHeader(table: 0, _): headerSeen = true
                case .tableRows(table: 0, let rows, let frame):
                    #expect(headerSeen, "rows on page \(page.number) come without a header above them")
                    #expect(frame.maxY <= layout.geometry.contentArea.maxY + 0.01)
                    covered += Array(rows)
                    pagesWithRows += 1
                default: break
                }
            }
        }
        #expect(covered == Array(0..<1234))
        #expect(pagesWithRows > 20)
    }

    @Test func everyPageIsNumberedOutOfTheTotal() {
        let layout = engine.layout(Fixtures.document(rows: 300))
        let footers = layout.pages.flatMap { page in
            page.items.compactMap { item -> String? in
                if case .footer(let text, _) = item { return text }
                return nil
            }
        }
        #expect(footers == (1...layout.pages.count).map { "page \($0) / \(layout.pages.count)" })
    }

    @Test func theTotalsRowFollowsTheLastRowAndIsNeverAloneOnAPage() {
        let geometry = PageGeometry.a4
        // Find a row count that fills the last page exactly, so the totals must move.
        for count in 40...120 {
            let layout = engine.layout(Fixtures.document(rows: count))
            let items = layout.pages.flatMap(\.items)
            guard let totals = items.firstIndex(where: { if case .tableTotals = $0 { true } else { false } }) else {
                Issue.record("no totals row for \(count) rows")
                return
            }
            let previous = items[..<totals].last { if case .tableRows = $0 { true } else if case .tableHeader = $0 { true } else { false } }
            switch previous {
            case .tableRows(_, let rows, _)?: #expect(rows.upperBound == count)
            case .tableHeader?: break
            default: Issue.record("totals for \(count) rows follow neither rows nor a header")
            }
            let page = layout.pages.first { $0.items.contains { if case .tableTotals = $0 { true } else { false } } }!
            #expect(page.items.contains { if case .tableHeader = $0 { true } else { false } })
            #expect(geometry.rowHeight > 0)
        }
    }

    @Test func aStreamedTableIsLaidOutFromItsCountWithoutReadingIt() {
        let inline = engine.layout(Fixtures.document(rows: 500))
        let streamed = engine.layout(Fixtures.document(rows: 500, streamed: true))
        #expect(inline == streamed)
    }

    @Test func paragraphsWrapToTheContentWidthAndSectionTitlesComeFirst() {
        let layout = engine.layout(Fixtures.document(rows: 3))
        let items = layout.pages[0].items
        let lines = items.compactMap { item -> String? in
            if case .textLine(let line, _) = item { return line }
            return nil
        }
        #expect(lines.count >= 2)
        #expect(lines.joined(separator: " ").hasPrefix("Heures pointées sur les chantiers actifs"))
        let width = PageGeometry.a4.contentArea.width
        #expect(lines.allSatisfy { Double($0.count) * 5 <= width })
        guard case .runningHeader(let tenant, _, _, nil) = items[0], case .documentTitle(let title, _, _) = items[1],
              case .sectionTitle("Synthèse", _) = items[2] else {
            Issue.record("unexpected first items \(items.prefix(3))")
            return
        }
        #expect(tenant == "Bâtiments Réunis SARL")
        #expect(title == "Relevé d'heures")
    }

    @Test func columnsShareTheWidthByWeight() {
        let layout = engine.layout(Fixtures.document(rows: 1))
        let edges = layout.columnEdges[0]
        let area = PageGeometry.a4.contentArea
        #expect(edges.count == 5)
        #expect(abs(edges[0] - area.x) < 0.001 && abs(edges[4] - area.maxX) < 0.001)
        #expect(abs((edges[1] - edges[0]) - 3 * (edges[3] - edges[2])) < 0.001)
    }
}
