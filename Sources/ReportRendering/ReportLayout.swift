/// A document laid out on pages: every box positioned, every table row assigned to one page.
public struct ReportLayout: Sendable, Equatable {
    public var geometry: PageGeometry
    public var pages: [LaidOutPage]
    /// For each table (document order), the x offset of each column's left edge and of the right
    /// edge of the last column.
    public var columnEdges: [[Double]]
}

public struct LaidOutPage: Sendable, Equatable {
    /// 1-based.
    public var number: Int
    public var items: [PageItem]
}

/// One positioned box. Tables and charts are referred to by their index in `ReportDocument.tables`
/// and `.charts`; rows by their index in the table, so a renderer can stream them.
public enum PageItem: Sendable, Equatable {
    /// Tenant name and report title on every page; `logo` when the document has one.
    case runningHeader(tenant: String, title: String, frame: Rect, logo: Rect?)
    case documentTitle(title: String, subtitle: String, frame: Rect)
    case sectionTitle(String, frame: Rect)
    case textLine(String, frame: Rect)
    case keyValue(KeyValue, frame: Rect)
    case tableHeader(table: Int, frame: Rect)
    /// Rows `rows` of the table, one `rowHeight` each, from the top of `frame`.
    case tableRows(table: Int, rows: Range<Int>, frame: Rect)
    case tableTotals(table: Int, frame: Rect)
    case chart(Int, frame: Rect)
    /// "page x / n".
    case footer(String, frame: Rect)
}
