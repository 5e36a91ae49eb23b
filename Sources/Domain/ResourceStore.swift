import FieldOpsCore
import Foundation
import Postgres

/// The SQL behind a resource's verbs. Table and column names come from the definition (code, not
/// input); every value is bound. Rows travel as JSON both ways (`to_jsonb`, `jsonb_populate_record`),
/// so one store serves every resource and PostgreSQL does the typing.
public struct ResourceStore: Sendable {
    public let definition: ResourceDefinition
    private let validator: RecordValidator

    public init(_ definition: ResourceDefinition) {
        self.definition = definition
        validator = RecordValidator(definition)
    }

    /// `{"items": […], "total": n, "limit": l, "offset": o}`.
    public func list(_ query: ListQuery, on pool: PostgresPool) async throws -> [UInt8] {
        var sql = PostgresQuery.StringInterpolation(literalCapacity: 512, interpolationCount: 8)
        let order = orderClause(query)
        sql.appendLiteral("SELECT jsonb_build_object('items', coalesce(jsonb_agg(\(projection) ORDER BY \(order)), '[]'::jsonb), 'total', ")
        sql.appendLiteral("(SELECT count(*) FROM \(definition.table) t WHERE ")
        append(query.filters, to: &sql)
        sql.appendLiteral("), 'limit', ")
        sql.appendInterpolation(query.limit)
        sql.appendLiteral(", 'offset', ")
        sql.appendInterpolation(query.offset)
        sql.appendLiteral(") FROM (SELECT * FROM \(definition.table) t WHERE ")
        append(query.filters, to: &sql)
        sql.appendLiteral(" ORDER BY \(order) LIMIT ")
        sql.appendInterpolation(query.limit)
        sql.appendLiteral(" OFFSET ")
        sql.appendInterpolation(query.offset)
        sql.appendLiteral(") t")
        let rows = try await pool.query(PostgresQuery(stringInterpolation: sql))
        return try rows[0].decode(PostgresJSON.self, at: 0).rawJSON
    }

    public func read(id: UUID, on pool: PostgresPool) async throws -> VersionedRecord? {
        try await pool.withConnection { connection in try await read(id: id, on: connection, locking: false) }
    }

    public func create(_ body: JSONValue, context: AuditContext, on pool: PostgresPool) async throws -> VersionedRecord {
        let values = try validated(body, mode: .create)
        let columns = values.keys.sorted().joined(separator: ", ")
        do {
            return try await pool.withTransaction { connection in
                try await context.apply(on: connection)
                let rows = try await connection.query("""
                    INSERT INTO \(unescaped: definition.table) AS t (\(unescaped: columns))
                    SELECT \(unescaped: columns) FROM jsonb_populate_record(NULL::\(unescaped: definition.table), \(try Self.json(values)))
                    RETURNING \(unescaped: projection), t.version
                    """)
                return try Self.record(rows[0])
            }
        } catch {
            throw DomainError.translating(error, singular: definition.singular)
        }
    }

    /// Applies `body` to the row if it is still at `expectedVersion`; the merged row is checked again
    /// (an end date moved before an unchanged start is refused).
    public func update(id: UUID, _ body: JSONValue, expectedVersion: Int, context: AuditContext, on pool: PostgresPool) async throws -> VersionedRecord {
        do {
            return try await pool.withTransaction { connection in
                // Existence and version first: a missing row is 404 and a stale one 412 whatever the body says.
                let current = try await current(id: id, expectedVersion: expectedVersion, on: connection)
                let changes = try validated(body, mode: .update)
                let columns = changes.keys.sorted().joined(separator: ", ")
                guard case .object(var merged) = try JSONDecoder().decode(JSONValue.self, from: Data(current.json)) else {
                    throw DomainError(.notFound, "no such \(definition.singular)")
                }
                merged.merge(changes) { _, new in new }
                do throws(FieldErrors) {
                    try validator.checkOrder(merged)
                } catch {
                    throw DomainError.invalid(error)
                }
                try await context.apply(on: connection)
                let rows = try await connection.query("""
                    UPDATE \(unescaped: definition.table) AS t SET (\(unescaped: columns)) =
                        (SELECT \(unescaped: columns) FROM jsonb_populate_record(NULL::\(unescaped: definition.table), \(try Self.json(changes))))
                    WHERE t.id = \(id) RETURNING \(unescaped: projection), t.version
                    """)
                return try Self.record(rows[0])
            }
        } catch {
            throw DomainError.translating(error, singular: definition.singular)
        }
    }

    public func delete(id: UUID, expectedVersion: Int, context: AuditContext, on pool: PostgresPool) async throws {
        do {
            try await pool.withTransaction { connection in
                _ = try await current(id: id, expectedVersion: expectedVersion, on: connection)
                try await context.apply(on: connection)
                try await connection.query("DELETE FROM \(unescaped: definition.table) WHERE id = \(id)")
            }
        } catch {
            throw DomainError.translating(error, singular: definition.singular, deleting: true)
        }
    }

    // MARK: - Pieces

    /// The row locked for a change, or `notFound` / `versionMismatch`.
    private func current(id: UUID, expectedVersion: Int, on connection: PostgresConnection) async throws -> VersionedRecord {
        guard let current = try await read(id: id, on: connection, locking: true) else {
            throw DomainError(.notFound, "no such \(definition.singular)")
        }
        guard current.version == expectedVersion else {
            throw DomainError(.versionMismatch(current: current.version), "the \(definition.singular) changed since you read it (now version \(current.version))")
        }
        return current
    }

    private func read(id: UUID, on connection: PostgresConnection, locking: Bool) async throws -> VersionedRecord? {
        let rows = try await connection.query("""
            SELECT \(unescaped: projection), t.version FROM \(unescaped: definition.table) t WHERE t.id = \(id)\(unescaped: locking ? " FOR UPDATE" : "")
            """)
        return try rows.first.map(Self.record)
    }

    private func validated(_ body: JSONValue, mode: RecordValidator.Mode) throws(DomainError) -> [String: JSONValue] {
        do {
            return try validator.validate(body, mode: mode)
        } catch {
            throw DomainError.invalid(error)
        }
    }

    /// The row as clients see it: secrets removed.
    private var projection: String {
        definition.hiddenColumns.isEmpty
            ? "to_jsonb(t)" : "(to_jsonb(t) - ARRAY[" + definition.hiddenColumns.map { "'\($0)'" }.joined(separator: ", ") + "]::text[])"
    }

    private func orderClause(_ query: ListQuery) -> String {
        (query.sort.map { "t.\($0.column)\($0.descending ? " DESC" : "")" } + ["t.id"]).joined(separator: ", ")
    }

    /// `true AND t.status = ANY(CAST($n AS text[])) …`: the column names come from the definition.
    private func append(_ filters: [ListQuery.Filter], to sql: inout PostgresQuery.StringInterpolation) {
        sql.appendLiteral("true")
        for filter in filters {
            sql.appendLiteral(" AND t.\(filter.column) = ANY(CAST(")
            sql.appendInterpolation(filter.values)
            sql.appendLiteral(" AS \(filter.postgresType)[]))")
        }
    }

    private static func json(_ values: [String: JSONValue]) throws -> PostgresJSON {
        PostgresJSON(rawJSON: Array(try JSONEncoder().encode(values)))
    }

    private static func record(_ row: PostgresRow) throws -> VersionedRecord {
        VersionedRecord(json: try row.decode(PostgresJSON.self, at: 0).rawJSON, version: Int(try row.decode(Int32.self, at: 1)))
    }
}
