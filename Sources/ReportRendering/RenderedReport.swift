/// What a writer produced, for the job's result.
public struct RenderedReport: Sendable, Equatable {
    /// Pages of a PDF; nil for XLSX and CSV.
    public var pages: Int?
    /// Table rows written, totals rows excluded.
    public var rows: Int

    public init(pages: Int?, rows: Int) {
        self.pages = pages
        self.rows = rows
    }
}
