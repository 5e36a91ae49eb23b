/// Lays a document out on pages — values in, values out, no drawing and no I/O.
///
/// Rows are one line high (long text is ellipsised when drawn), so a table's pages follow from its
/// row count alone: a streamed table is laid out without reading a single row. A table that does not
/// fit breaks across pages with its header row repeated; its totals row never sits alone without
/// the header above it. Section titles are kept with what follows them.
public struct LayoutEngine {
    public let geometry: PageGeometry
    public let measuring: any TextMeasuring

    public init(geometry: PageGeometry = .a4, measuring: any TextMeasuring) {
        self.geometry = geometry
        self.measuring = measuring
    }

    public func layout(_ document: ReportDocument) -> ReportLayout {
        var pages = PageSequence(geometry: geometry, document: document)
        let area = geometry.contentArea
        pages.place(geometry.titleHeight) { .documentTitle(title: document.title, subtitle: document.subtitle, frame: $0) }
        var tableIndex = 0
        var chartIndex = 0
        var columnEdges: [[Double]] = []
        for section in document.sections {
            // A title alone at the bottom of a page reads as belonging to nothing.
            pages.ensureRoom(geometry.sectionTitleHeight + 2 * geometry.rowHeight)
            pages.place(geometry.sectionTitleHeight) { .sectionTitle(section.title, frame: $0) }
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    for line in measuring.wrap(text, style: .body, width: area.width) {
                        pages.place(geometry.lineHeight) { .textLine(line, frame: $0) }
                    }
                case .keyValues(let pairs):
                    for pair in pairs {
                        pages.place(geometry.lineHeight) { .keyValue(pair, frame: $0) }
                    }
                case .table(let table):
                    columnEdges.append(Self.columnEdges(table.columns, area: area))
                    layoutTable(table, index: tableIndex, pages: &pages)
                    tableIndex += 1
                case .chart:
                    let index = chartIndex
                    pages.place(geometry.chartHeight) { .chart(index, frame: $0) }
                    chartIndex += 1
                }
                pages.skip(geometry.blockSpacing)
            }
        }
        return ReportLayout(geometry: geometry, pages: pages.finished(), columnEdges: columnEdges)
    }

    private func layoutTable(_ table: ReportTable, index: Int, pages: inout PageSequence) {
        let rowHeight = geometry.rowHeight
        let count = table.rowCount
        var next = 0
        while true {
            // The header with at least one row under it, else the header moves to the next page.
            pages.ensureRoom(2 * rowHeight)
            pages.place(rowHeight) { .tableHeader(table: index, frame: $0) }
            // At least one row per page, so a page too small for the geometry cannot loop forever.
            let fitting = max(1, Int((pages.remaining + 0.001) / rowHeight))
            let upper = min(count, next + fitting)
            if upper > next {
                let rows = next..<upper
                pages.place(Double(rows.count) * rowHeight) { .tableRows(table: index, rows: rows, frame: $0) }
                next = upper
            }
            guard next < count else { break }
            pages.breakPage()
        }
        guard table.hasTotals else { return }
        if pages.remaining + 0.001 < rowHeight {
            // Totals alone on a page would not say what they total: repeat the header above them.
            pages.breakPage()
            pages.place(rowHeight) { .tableHeader(table: index, frame: $0) }
        }
        pages.place(rowHeight) { .tableTotals(table: index, frame: $0) }
    }

    /// Column edges from the weights, filling the content width.
    static func columnEdges(_ columns: [ReportColumn], area: Rect) -> [Double] {
        let totalWeight = columns.reduce(0) { $0 + max($1.weight, 0.1) }
        var edges = [area.x]
        for column in columns {
            edges.append(edges[edges.count - 1] + area.width * max(column.weight, 0.1) / totalWeight)
        }
        return edges
    }
}

/// The pages being filled, top to bottom.
private struct PageSequence {
    let geometry: PageGeometry
    let document: ReportDocument
    private var pages: [[PageItem]] = []
    private var items: [PageItem] = []
    private var cursor: Double

    init(geometry: PageGeometry, document: ReportDocument) {
        self.geometry = geometry
        self.document = document
        cursor = geometry.contentArea.y
        items = [runningHeader()]
    }

    var remaining: Double { geometry.contentArea.maxY - cursor }

    /// Places a box of `height` at the cursor, on a new page when it does not fit here.
    mutating func place(_ height: Double, _ item: (Rect) -> PageItem) {
        ensureRoom(height)
        let area = geometry.contentArea
        items.append(item(Rect(x: area.x, y: cursor, width: area.width, height: height)))
        cursor += height
    }

    mutating func ensureRoom(_ height: Double) {
        if remaining + 0.001 < height, hasContent { breakPage() }
    }

    mutating func skip(_ height: Double) {
        cursor = min(cursor + height, geometry.contentArea.maxY)
    }

    /// True once something besides the running header is on the current page.
    private var hasContent: Bool { items.count > 1 }

    mutating func breakPage() {
        pages.append(items)
        items = [runningHeader()]
        cursor = geometry.contentArea.y
    }

    private func runningHeader() -> PageItem {
        let frame = Rect(x: geometry.margin, y: geometry.margin, width: geometry.width - 2 * geometry.margin, height: geometry.headerHeight - 8)
        let logo = document.logoPNG.map { _ in Rect(x: frame.maxX - 3 * frame.height, y: frame.y, width: 3 * frame.height, height: frame.height) }
        return .runningHeader(tenant: document.tenantName, title: document.title, frame: frame, logo: logo)
    }

    /// Closes the last page and numbers them all: the footer needs the page count.
    mutating func finished() -> [LaidOutPage] {
        pages.append(items)
        let total = pages.count
        let footerFrame = Rect(
            x: geometry.margin, y: geometry.height - geometry.margin - geometry.footerHeight + 8,
            width: geometry.width - 2 * geometry.margin, height: geometry.footerHeight - 8
        )
        return pages.enumerated().map { offset, items in
            LaidOutPage(number: offset + 1, items: items + [.footer("page \(offset + 1) / \(total)", frame: footerFrame)])
        }
    }
}
