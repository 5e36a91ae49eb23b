/// Writes a document's main table as CSV (RFC 4180): a header record, then one record per row,
/// CRLF line ends, fields quoted when they hold a comma, a quote or a line break, quotes doubled.
/// The main table is the first one marked primary, else the first table; numbers are plain
/// decimals with a dot and dates ISO, so spreadsheets and scripts read them alike.
public struct CSVWriter: Sendable {
    public init() {}

    public func write(_ document: ReportDocument, to path: String) async throws -> RenderedReport {
        let tables = document.tables
        let output = try BufferedFileOutput(path: path)
        guard let table = tables.first(where: \.isPrimary) ?? tables.first else {
            try output.close()
            return RenderedReport(pages: nil, rows: 0)
        }
        try output.write(Self.record(table.columns.map(\.title)))
        var reader = table.rows.makeReader()
        var rows = 0
        while let cells = try await reader.next() {
            guard cells.count == table.columns.count else {
                throw ReportRenderingError.rowWidthMismatch(expected: table.columns.count, actual: cells.count)
            }
            try output.write(Self.record(zip(cells, table.columns).map { cell, column in
                let text = CellText.machine(cell, format: column.format)
                guard case .text = cell else { return text }
                return Self.neutralisingFormula(text)
            }))
            rows += 1
        }
        try output.close()
        return RenderedReport(pages: nil, rows: rows)
    }

    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A text cell that starts like a formula (`=`, `+`, `-`, `@`) would be evaluated by a
    /// spreadsheet opening the file; a leading apostrophe keeps it text (OWASP's CSV injection advice).
    static func neutralisingFormula(_ text: String) -> String {
        guard let first = text.first, "=+-@".contains(first) else { return text }
        return "'" + text
    }
}
