import CXlsxWriter

/// A libxlsxwriter workbook in constant-memory mode: each worksheet's rows go to a temporary file as
/// they are written (in row order), so a 100,000-row sheet costs no more memory than a 100-row one.
/// One per written file, used by one task.
final class XLSXWorkbook {
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var closed = false
    private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheetNames: Set<String> = []

    init(path: String, temporaryDirectory: String?) throws(ReportRenderingError) {
        let opened: UnsafeMutablePointer<lxw_workbook>? = temporaryDirectory.map { directory in
            directory.withCString { directoryPointer in
                var options = lxw_workbook_options(constant_memory: 1, tmpdir: UnsafeMutablePointer(mutating: directoryPointer), use_zip64: 1)
                return workbook_new_opt(path, &options)
            }
        } ?? {
            var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 1)
            return workbook_new_opt(path, &options)
        }()
        guard let opened else { throw .output("cannot create the workbook \(path)") }
        workbook = opened
    }

    deinit {
        // A workbook abandoned after an error still frees its memory and temporary files.
        if !closed { _ = workbook_close(workbook) }
    }

    /// A new worksheet; the name is made valid for Excel (31 characters, none of `[]:*?/\'`) and
    /// unique. Without apostrophes it can be quoted in formulas as it is.
    func addSheet(named title: String) throws(ReportRenderingError) -> XLSXSheet {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\", "'"]
        let cleaned = String(title.filter { !forbidden.contains($0) }.prefix(31)).trimmingSpaces
        let base = cleaned.isEmpty ? "Sheet" : cleaned
        var name = base
        var suffix = 2
        while sheetNames.contains(name.lowercased()) {
            name = String(base.prefix(31 - " (\(suffix))".count)) + " (\(suffix))"
            suffix += 1
        }
        sheetNames.insert(name.lowercased())
        guard let sheet = workbook_add_worksheet(workbook, name) else { throw .output("cannot add the worksheet '\(name)'") }
        return XLSXSheet(workbook: self, sheet: sheet, name: name)
    }

    /// A cell format, created once per distinct style.
    func format(_ style: XLSXCellStyle) -> UnsafeMutablePointer<lxw_format> {
        if let existing = formats[style.key] { return existing }
        let format = workbook_add_format(workbook)!
        if style.bold { format_set_bold(format) }
        if let size = style.fontSize { format_set_font_size(format, size) }
        if let numberFormat = style.numberFormat { format_set_num_format(format, numberFormat) }
        if style.header {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, 0xE6EBF2)
            format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue))
        }
        if style.totals { format_set_top(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        formats[style.key] = format
        return format
    }

    func addChart(kind: ReportChart.Kind) -> UnsafeMutablePointer<lxw_chart>? {
        workbook_add_chart(workbook, UInt8(kind == .bar ? LXW_CHART_COLUMN.rawValue : LXW_CHART_LINE.rawValue))
    }

    /// Assembles the file. Nothing is on disk until this succeeds.
    func close() throws(ReportRenderingError) {
        closed = true
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else { throw .output("XLSX: \(String(cString: lxw_strerror(status)))") }
    }
}

/// How an XLSX cell looks: the key of a format in the workbook.
struct XLSXCellStyle: Hashable {
    var bold = false
    var fontSize: Double?
    var numberFormat: String?
    var header = false
    var totals = false

    var key: String { "\(bold)|\(fontSize ?? 0)|\(numberFormat ?? "")|\(header)|\(totals)" }

    /// Excel's number format for a column format.
    static func numberFormat(for format: CellFormat) -> String? {
        switch format {
        case .text: nil
        case .integer: "#,##0"
        case .decimal(let places): places > 0 ? "#,##0." + String(repeating: "0", count: places) : "#,##0"
        case .currency: "#,##0.00\\ \"€\""
        case .hours: "#,##0.00"
        case .percent: "0.0%"
        case .date: "dd/mm/yyyy"
        case .dateTime: "dd/mm/yyyy hh:mm"
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
