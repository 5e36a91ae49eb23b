/// A table's rows: held in memory, or streamed in batches from a cursor so a big export never holds
/// all its rows at once. The row count is known up front so pages can be numbered "x / n" before
/// the first row is drawn.
public enum TableRows: Sendable {
    case inline([[ReportCell]])
    case streamed(count: Int, cursor: any RowCursor)

    public var count: Int {
        switch self {
        case .inline(let rows): rows.count
        case .streamed(let count, _): count
        }
    }

    /// Reads the rows once, in order.
    public func makeReader() -> TableRowReader {
        switch self {
        case .inline(let rows): TableRowReader(pending: rows, cursor: nil, expected: rows.count)
        case .streamed(let count, let cursor): TableRowReader(pending: [], cursor: cursor, expected: count)
        }
    }
}

/// Where streamed rows come from (a PostgreSQL cursor, a generator in benchmarks).
public protocol RowCursor: Sendable {
    /// The next batch, or nil at the end.
    func nextBatch() async throws -> [[ReportCell]]?
}

/// Hands out a table's rows one at a time, fetching batches as needed. A stream that ends before or
/// after its announced count is an error: a report must never silently drop or invent rows.
public struct TableRowReader {
    private var pending: [[ReportCell]]
    private var position = 0
    private let cursor: (any RowCursor)?
    private let expected: Int
    private var delivered = 0

    init(pending: [[ReportCell]], cursor: (any RowCursor)?, expected: Int) {
        self.pending = pending
        self.cursor = cursor
        self.expected = expected
    }

    public mutating func next() async throws -> [ReportCell]? {
        while position == pending.count {
            guard let cursor, let batch = try await cursor.nextBatch() else {
                guard delivered == expected else { throw ReportRenderingError.rowCountMismatch(expected: expected, actual: delivered) }
                return nil
            }
            pending = batch
            position = 0
        }
        defer { position += 1 }
        delivered += 1
        guard delivered <= expected else { throw ReportRenderingError.rowCountMismatch(expected: expected, actual: delivered) }
        return pending[position]
    }
}
