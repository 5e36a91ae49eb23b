import Postgres
import ReportRendering
import Synchronization

/// A server-side cursor feeding a report table: `DECLARE … NO SCROLL CURSOR` inside the caller's
/// transaction, then `FETCH n` per batch, so a 100,000-row export holds one batch in memory.
/// The count is taken first, with the same query, for page numbering.
public final class PostgresRowCursor: RowCursor {
    private let connection: PostgresConnection
    private let name: String
    private let batchSize: Int
    private let makeCells: @Sendable (PostgresRow) throws -> [ReportCell]
    private let finished = Mutex(false)

    private init(connection: PostgresConnection, name: String, batchSize: Int, makeCells: @escaping @Sendable (PostgresRow) throws -> [ReportCell]) {
        self.connection = connection
        self.name = name
        self.batchSize = batchSize
        self.makeCells = makeCells
    }

    /// Declares the cursor and returns the table's rows. `connection` must be in a transaction that
    /// lasts until the rows are rendered; `name` must be a plain identifier chosen by the code.
    public static func open(
        on connection: PostgresConnection, name: String, query: PostgresQuery, batchSize: Int,
        makeCells: @escaping @Sendable (PostgresRow) throws -> [ReportCell]
    ) async throws -> TableRows {
        let count = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM (\(query.sql)) AS counted", bindings: query.bindings))
            .first?.decode(Int.self, at: 0) ?? 0
        try await connection.query(PostgresQuery(unsafeSQL: "DECLARE \(name) NO SCROLL CURSOR FOR \(query.sql)", bindings: query.bindings))
        return .streamed(count: count, cursor: PostgresRowCursor(connection: connection, name: name, batchSize: batchSize, makeCells: makeCells))
    }

    public func nextBatch() async throws -> [[ReportCell]]? {
        guard !finished.withLock({ $0 }) else { return nil }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "FETCH \(batchSize) FROM \(name)"))
        if rows.count < batchSize { finished.withLock { $0 = true } }
        return rows.isEmpty ? nil : try rows.map(makeCells)
    }
}
