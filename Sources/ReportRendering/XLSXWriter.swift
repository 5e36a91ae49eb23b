/// Writes a document as an XLSX workbook: a worksheet per section, typed cells with number and date
/// formats, totals as formulas, a frozen header row and an autofilter, charts as native Excel charts
/// over their data. Constant-memory mode: rows stream through, memory stays flat.
public struct XLSXWriter: Sendable {
    /// Where libxlsxwriter keeps its per-sheet temporary files (the system's by default).
    public let temporaryDirectory: String?

    public init(temporaryDirectory: String? = nil) {
        self.temporaryDirectory = temporaryDirectory
    }

    public func write(_ document: ReportDocument, to path: String) async throws -> RenderedReport {
        let workbook = try XLSXWorkbook(path: path, temporaryDirectory: temporaryDirectory)
        var rows = 0
        for section in document.sections {
            let sheet = try workbook.addSheet(named: section.title)
            try sheet.writeText(section.title, style: XLSXCellStyle(bold: true, fontSize: 14))
            sheet.endRow()
            try sheet.writeText([document.tenantName, document.title, document.subtitle].filter { !$0.isEmpty }.joined(separator: " — "))
            sheet.endRow()
            sheet.skipRows(1)
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    try sheet.writeText(text)
                    sheet.endRow()
                case .keyValues(let pairs):
                    for pair in pairs {
                        try sheet.writeText(pair.key, style: XLSXCellStyle(bold: true))
                        try sheet.writeText(pair.value, column: 1)
                        sheet.endRow()
                    }
                case .table(let table):
                    rows += try await sheet.writeTable(table)
                case .chart(let chart):
                    let headerRow = sheet.row
                    _ = try await sheet.writeTable(chart.dataTable, filterable: false)
                    try sheet.insertChart(chart, dataHeaderRow: headerRow)
                }
                sheet.skipRows(1)
            }
        }
        try workbook.close()
        return RenderedReport(pages: nil, rows: rows)
    }
}
