import CXlsxWriter

/// One worksheet being written top to bottom (constant-memory mode needs rows in order).
final class XLSXSheet {
    private unowned let workbook: XLSXWorkbook
    private let sheet: UnsafeMutablePointer<lxw_worksheet>
    let name: String
    /// The next row to write, 0-based.
    private(set) var row: UInt32 = 0
    private var filtered = false

    init(workbook: XLSXWorkbook, sheet: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.sheet = sheet
        self.name = name
    }

    func skipRows(_ count: UInt32) {
        row += count
    }

    func writeText(_ text: String, column: UInt16 = 0, style: XLSXCellStyle = XLSXCellStyle()) throws(ReportRenderingError) {
        try check(worksheet_write_string(sheet, row, column, text, workbook.format(style)))
    }

    func endRow() {
        row += 1
    }

    /// Writes a table: header, rows streamed from the reader, a totals row of SUM formulas. The first
    /// filterable table of a sheet gets the frozen header and the autofilter. Returns the rows written.
    func writeTable(_ table: ReportTable, filterable: Bool = true) async throws -> Int {
        let columns = table.columns
        for (index, column) in columns.enumerated() {
            worksheet_set_column(sheet, UInt16(index), UInt16(index), min(60, 9 * max(column.weight, 0.8) + 4), nil)
            try writeText(column.title, column: UInt16(index), style: XLSXCellStyle(bold: true, header: true))
        }
        let headerRow = row
        endRow()
        let styles = columns.map { XLSXCellStyle(numberFormat: XLSXCellStyle.numberFormat(for: $0.format)) }
        var sums = Array(repeating: 0.0, count: columns.count)
        var reader = table.rows.makeReader()
        var written = 0
        while let cells = try await reader.next() {
            guard cells.count == columns.count else { throw ReportRenderingError.rowWidthMismatch(expected: columns.count, actual: cells.count) }
            for (index, cell) in cells.enumerated() {
                try write(cell, column: UInt16(index), style: styles[index])
                if columns[index].totalled, let value = cell.numericValue { sums[index] += value }
            }
            endRow()
            written += 1
        }
        if filterable, !filtered {
            filtered = true
            worksheet_freeze_panes(sheet, headerRow + 1, 0)
            try check(worksheet_autofilter(sheet, headerRow, 0, max(headerRow, row - 1), UInt16(columns.count - 1)))
        }
        if table.hasTotals {
            try writeTotals(columns: columns, sums: sums, firstDataRow: headerRow + 1, rowCount: written)
        }
        return written
    }

    /// `=SUM(D5:D1004)` under each totalled column, with the value cached so viewers that do not
    /// recalculate show it too.
    private func writeTotals(columns: [ReportColumn], sums: [Double], firstDataRow: UInt32, rowCount: Int) throws(ReportRenderingError) {
        for (index, column) in columns.enumerated() {
            if column.totalled {
                let letter = Self.columnLetters(index)
                let range = rowCount > 0 ? "\(letter)\(firstDataRow + 1):\(letter)\(firstDataRow + UInt32(rowCount))" : nil
                let style = XLSXCellStyle(bold: true, numberFormat: XLSXCellStyle.numberFormat(for: column.format), totals: true)
                try check(worksheet_write_formula_num(sheet, row, UInt16(index), range.map { "=SUM(\($0))" } ?? "=0", workbook.format(style), sums[index]))
            } else if index == 0 {
                try writeText("Total", style: XLSXCellStyle(bold: true, totals: true))
            }
        }
        endRow()
    }

    private func write(_ cell: ReportCell, column: UInt16, style: XLSXCellStyle) throws(ReportRenderingError) {
        let format = workbook.format(style)
        switch cell {
        case .text(let text):
            try check(worksheet_write_string(sheet, row, column, text, format))
        case .number(let value):
            guard value.isFinite else { return }
            try check(worksheet_write_number(sheet, row, column, value, format))
        case .date(let date):
            var stamp = lxw_datetime(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day), hour: 0, min: 0, sec: 0)
            try check(worksheet_write_datetime(sheet, row, column, &stamp, format))
        case .dateTime(let time):
            var stamp = lxw_datetime(
                year: Int32(time.date.year), month: Int32(time.date.month), day: Int32(time.date.day),
                hour: Int32(time.hour), min: Int32(time.minute), sec: Double(time.second)
            )
            try check(worksheet_write_datetime(sheet, row, column, &stamp, format))
        case .empty:
            break
        }
    }

    /// A native chart over the data table just written (`firstRow` is its header row).
    func insertChart(_ chart: ReportChart, dataHeaderRow firstRow: UInt32) throws(ReportRenderingError) {
        guard !chart.categories.isEmpty, let native = workbook.addChart(kind: chart.kind) else { return }
        let quoted = "'\(name)'"
        let first = firstRow + 2, last = firstRow + 1 + UInt32(chart.categories.count)
        for index in chart.series.indices {
            let letter = Self.columnLetters(index + 1)
            let series = chart_add_series(native, "=\(quoted)!$A$\(first):$A$\(last)", "=\(quoted)!$\(letter)$\(first):$\(letter)$\(last)")
            chart_series_set_name(series, "=\(quoted)!$\(letter)$\(firstRow + 1)")
        }
        chart_title_set_name(native, chart.title)
        try check(worksheet_insert_chart(sheet, row + 1, 0, native))
        row += 18
    }

    /// `0 → A`, `25 → Z`, `26 → AA`.
    static func columnLetters(_ index: Int) -> String {
        var index = index
        var letters = ""
        repeat {
            letters = String(UnicodeScalar(UInt8(65 + index % 26))) + letters
            index = index / 26 - 1
        } while index >= 0
        return letters
    }

    private func check(_ status: lxw_error) throws(ReportRenderingError) {
        guard status == LXW_NO_ERROR else { throw .output("XLSX sheet '\(name)' row \(row + 1): \(String(cString: lxw_strerror(status)))") }
    }
}
