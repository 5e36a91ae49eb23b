import Commands
import FieldOpsCore
import Foundation
import KPIs
import Postgres
import ReportRendering

/// What every report builder works with: the request, the tenant, the settings, and a connection in
/// the transaction that keeps the report's cursors open until it is rendered.
public struct ReportContext: Sendable {
    public let command: ReportRenderCommand
    public let tenantName: String
    public let settings: ReportSettings
    public let connection: PostgresConnection

    public init(command: ReportRenderCommand, tenantName: String, settings: ReportSettings, connection: PostgresConnection) {
        self.command = command
        self.tenantName = tenantName
        self.settings = settings
        self.connection = connection
    }

    /// `01/12/2026 – 07/12/2026`, or one day.
    var periodText: String {
        let from = CalendarDay(command.from).map(Self.display) ?? command.from
        let to = CalendarDay(command.to).map(Self.display) ?? command.to
        return from == to ? from : "\(from) – \(to)"
    }

    private static func display(_ day: CalendarDay) -> String {
        CivilDate(year: day.year, month: day.month, day: day.day).display
    }

    /// The site the request names, parsed; a malformed id is "no such site".
    func siteID() throws(ReportError) -> UUID? {
        guard let text = command.siteID else { return nil }
        guard let id = UUID(uuidString: text) else { throw .notFound("site \(text)") }
        return id
    }

    /// The request's period and site, to build period queries on.
    func periodQuery() throws(ReportError) -> PeriodQuery {
        PeriodQuery(from: command.from, to: command.to, siteID: try siteID())
    }

    /// A table whose rows come from a server-side cursor on this report's transaction.
    func streamedRows(cursor name: String, query: PostgresQuery, makeCells: @escaping @Sendable (PostgresRow) throws -> [ReportCell]) async throws -> TableRows {
        try await PostgresRowCursor.open(on: connection, name: name, query: query, batchSize: settings.cursorBatchSize, makeCells: makeCells)
    }
}
