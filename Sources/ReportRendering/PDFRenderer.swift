/// Renders a document to PDF: lays it out with pango's text measurements, then draws page by page,
/// pulling table rows from their streams as their pages come, so memory holds one batch of rows.
public struct PDFRenderer: Sendable {
    public let geometry: PageGeometry

    public init(geometry: PageGeometry = .a4) {
        self.geometry = geometry
    }

    public func render(_ document: ReportDocument, to path: String) async throws -> RenderedReport {
        let typesetter = Typesetter()
        let layout = LayoutEngine(geometry: geometry, measuring: typesetter).layout(document)
        let canvas = try PDFCanvas(path: path, geometry: geometry, title: document.title, typesetter: typesetter)
        var painter = PDFPagePainter(canvas: canvas, document: document, layout: layout)
        for page in layout.pages {
            for item in page.items { try await painter.draw(item) }
            canvas.showPage()
        }
        try canvas.finish()
        return RenderedReport(pages: layout.pages.count, rows: painter.rowsDrawn)
    }
}

/// Draws the items of laid-out pages; keeps each table's row reader and running totals between pages.
private struct PDFPagePainter {
    static let padding = 3.0

    let canvas: PDFCanvas
    let document: ReportDocument
    let layout: ReportLayout
    let tables: [ReportTable]
    let charts: [ReportChart]
    var readers: [TableRowReader]
    var totals: [[Double]]
    private(set) var rowsDrawn = 0

    init(canvas: PDFCanvas, document: ReportDocument, layout: ReportLayout) {
        self.canvas = canvas
        self.document = document
        self.layout = layout
        tables = document.tables
        charts = document.charts
        readers = tables.map { $0.rows.makeReader() }
        totals = tables.map { Array(repeating: 0, count: $0.columns.count) }
    }

    mutating func draw(_ item: PageItem) async throws {
        switch item {
        case .runningHeader(let tenant, let title, let frame, let logo):
            let textWidth = frame.width - (logo?.width ?? 0) - 8
            canvas.text(tenant, style: .bold, in: Rect(x: frame.x, y: frame.y, width: textWidth, height: frame.height / 2))
            canvas.text(title, style: .small, in: Rect(x: frame.x, y: frame.y + frame.height / 2, width: textWidth, height: frame.height / 2))
            if let logo, let png = document.logoPNG { canvas.image(png: png, fitting: logo) }
            canvas.line(from: (frame.x, frame.maxY + 2), to: (frame.maxX, frame.maxY + 2), width: 0.6, .rule)
        case .documentTitle(let title, let subtitle, let frame):
            canvas.color(.text)
            canvas.text(title, style: .title, in: Rect(x: frame.x, y: frame.y, width: frame.width, height: 28))
            canvas.color(.muted)
            canvas.text(subtitle, style: .subtitle, in: Rect(x: frame.x, y: frame.y + 28, width: frame.width, height: 18))
        case .sectionTitle(let title, let frame):
            canvas.color(.accent)
            canvas.text(title, style: .sectionTitle, in: frame)
        case .textLine(let line, let frame):
            canvas.color(.text)
            canvas.text(line, style: .body, in: frame)
        case .keyValue(let pair, let frame):
            let keyWidth = min(180, frame.width / 3)
            canvas.color(.muted)
            canvas.text(pair.key, style: .body, in: Rect(x: frame.x, y: frame.y, width: keyWidth, height: frame.height))
            canvas.color(.text)
            canvas.text(pair.value, style: .bold, in: Rect(x: frame.x + keyWidth, y: frame.y, width: frame.width - keyWidth, height: frame.height))
        case .tableHeader(let table, let frame):
            canvas.fill(frame, .headerFill)
            canvas.color(.text)
            for (column, spec) in tables[table].columns.enumerated() {
                canvas.text(spec.title, style: .bold, in: cellFrame(table: table, column: column, row: frame), alignment: spec.format.isNumeric ? .trailing : .leading)
            }
        case .tableRows(let table, let rows, let frame):
            try await drawRows(table: table, rows: rows, frame: frame)
        case .tableTotals(let table, let frame):
            canvas.line(from: (frame.x, frame.y), to: (frame.maxX, frame.y), width: 0.8, .muted)
            canvas.color(.text)
            for (column, spec) in tables[table].columns.enumerated() {
                let text = spec.totalled ? CellText.display(.number(totals[table][column]), format: spec.format) : column == 0 ? "Total" : ""
                canvas.text(text, style: .bold, in: cellFrame(table: table, column: column, row: frame), alignment: spec.format.isNumeric ? .trailing : .leading)
            }
        case .chart(let index, let frame):
            PDFChartPainter(canvas: canvas).draw(charts[index], in: frame)
        case .footer(let text, let frame):
            canvas.color(.muted)
            canvas.text(text, style: .small, in: frame, alignment: .trailing)
        }
    }

    private mutating func drawRows(table: Int, rows: Range<Int>, frame: Rect) async throws {
        let columns = tables[table].columns
        let rowHeight = layout.geometry.rowHeight
        let rowFrame = { (index: Int) in Rect(x: frame.x, y: frame.y + Double(index - rows.lowerBound) * rowHeight, width: frame.width, height: rowHeight) }
        // Every stripe first, as one shape: rows do not overlap, so the page looks the same and
        // the rows' text can go to the PDF together.
        canvas.fill(rows.lazy.filter { $0 % 2 == 1 }.map(rowFrame), .stripe)
        canvas.color(.text)
        for index in rows {
            guard let cells = try await readers[table].next() else {
                throw ReportRenderingError.rowCountMismatch(expected: tables[table].rowCount, actual: index)
            }
            guard cells.count == columns.count else { throw ReportRenderingError.rowWidthMismatch(expected: columns.count, actual: cells.count) }
            for (column, cell) in cells.enumerated() {
                let spec = columns[column]
                if spec.totalled, let value = cell.numericValue { totals[table][column] += value }
                canvas.text(CellText.display(cell, format: spec.format), style: .body,
                            in: cellFrame(table: table, column: column, row: rowFrame(index)), alignment: spec.format.isNumeric ? .trailing : .leading)
            }
            rowsDrawn += 1
        }
    }

    private func cellFrame(table: Int, column: Int, row: Rect) -> Rect {
        let edges = layout.columnEdges[table]
        return Rect(x: edges[column] + Self.padding, y: row.y, width: edges[column + 1] - edges[column] - 2 * Self.padding, height: row.height)
    }
}
