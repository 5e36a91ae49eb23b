import FieldOpsCore
import Foundation
import Identity
import Postgres

/// The intervention rules that are more than a field update: status moves (who, from where to
/// where, what must be true first) and checklist answers.
public struct InterventionStore: Sendable {
    private let records = ResourceStore(ResourceCatalog.interventions)

    public init() {}

    /// Moves the intervention to `target`. Technicians act only on interventions assigned to them;
    /// `assigned` needs a technician; `done` needs every required checklist item answered.
    public func transition(
        id: UUID, to target: InterventionStatus, expectedVersion: Int, role: Role, userID: String,
        context: AuditContext, on pool: PostgresPool
    ) async throws -> VersionedRecord {
        try await pool.withTransaction { connection in
            let rows = try await connection.query("""
                SELECT i.status, i.version, i.assigned_technician_id IS NOT NULL, tech.user_id::text
                FROM interventions i LEFT JOIN technicians tech ON tech.id = i.assigned_technician_id
                WHERE i.id = \(id) FOR UPDATE OF i
                """)
            guard let row = rows.first else { throw DomainError(.notFound, "no such intervention") }
            let (statusText, version, assigned, assigneeUser) = try row.decode((String, Int32, Bool, String?).self)
            guard Int(version) == expectedVersion else {
                throw DomainError(.versionMismatch(current: Int(version)), "the intervention changed since you read it (now version \(version))")
            }
            let current = InterventionStatus(rawValue: statusText) ?? .draft
            if role == .technician, assigneeUser != userID {
                throw DomainError(.forbidden, "technicians change only the interventions assigned to them")
            }
            if let refusal = InterventionWorkflow.refusal(from: current, to: target, role: role) { throw refusal }
            if target == .assigned, !assigned {
                throw DomainError(.notAllowed, "assign a technician (assigned_technician_id) before moving to assigned")
            }
            if target == .done {
                let missing = try await connection.query("""
                    SELECT label_fr FROM intervention_checklist_items
                    WHERE intervention_id = \(id) AND required AND value IS NULL ORDER BY position
                    """).decode(String.self)
                guard missing.isEmpty else {
                    throw DomainError(.notAllowed, "required checklist items are not answered: " + missing.joined(separator: "; "))
                }
            }
            try await context.apply(on: connection)
            let updated = try await connection.query("""
                UPDATE interventions SET status = \(target.rawValue),
                    started_at = CASE WHEN \(target.rawValue) = 'in_progress' THEN coalesce(started_at, now()) ELSE started_at END,
                    completed_at = CASE WHEN \(target.rawValue) = 'done' THEN now() ELSE completed_at END
                WHERE id = \(id) RETURNING to_jsonb(interventions), version
                """)
            return VersionedRecord(json: try updated[0].decode(PostgresJSON.self, at: 0).rawJSON, version: Int(try updated[0].decode(Int32.self, at: 1)))
        }
    }

    /// The checklist of an intervention, in order, as a JSON array.
    public func checklist(id: UUID, on pool: PostgresPool) async throws -> [UInt8]? {
        guard try await records.read(id: id, on: pool) != nil else { return nil }
        let rows = try await pool.query("""
            SELECT coalesce(jsonb_agg(to_jsonb(c) - 'intervention_id' ORDER BY c.position), '[]'::jsonb)
            FROM intervention_checklist_items c WHERE c.intervention_id = \(id)
            """)
        return try rows[0].decode(PostgresJSON.self, at: 0).rawJSON
    }

    /// Records the answer to one checklist item while the intervention is assigned or in progress.
    /// The value must suit the item's kind: a boolean, a number, text, or the id of the photo or
    /// signature that satisfies it.
    public func answer(
        id: UUID, position: Int, value: JSONValue, role: Role, userID: String, context: AuditContext, on pool: PostgresPool
    ) async throws -> [UInt8] {
        try await pool.withTransaction { connection in
            let rows = try await connection.query("""
                SELECT i.status, c.kind, tech.user_id::text
                FROM interventions i
                JOIN intervention_checklist_items c ON c.intervention_id = i.id AND c.position = \(position)
                LEFT JOIN technicians tech ON tech.id = i.assigned_technician_id
                WHERE i.id = \(id) FOR UPDATE OF c
                """)
            guard let row = rows.first else { throw DomainError(.notFound, "no such intervention or checklist item") }
            let (status, kind, assigneeUser) = try row.decode((String, String, String?).self)
            if role == .technician, assigneeUser != userID {
                throw DomainError(.forbidden, "technicians answer only the checklists of interventions assigned to them")
            }
            guard status == "assigned" || status == "in_progress" else {
                throw DomainError(.notAllowed, "the checklist can be answered while the intervention is assigned or in progress, not \(status)")
            }
            let expected: FieldType = switch kind {
            case "boolean": .boolean
            case "number": .number(-1e12...1e12)
            case "text": .text(maxLength: 4_000)
            default: .uuid
            }
            guard case .success(let normalised) = expected.validate(value) else {
                throw DomainError.invalid(FieldErrors(["value": "must suit a \(kind) item"]))
            }
            try await context.apply(on: connection)
            let updated = try await connection.query("""
                UPDATE intervention_checklist_items c SET value = \(PostgresJSON(rawJSON: Array(try JSONEncoder().encode(normalised)))),
                    answered_by = \(UUID(uuidString: userID)), answered_at = now()
                WHERE intervention_id = \(id) AND position = \(position)
                RETURNING to_jsonb(c) - 'intervention_id'
                """)
            return try updated[0].decode(PostgresJSON.self, at: 0).rawJSON
        }
    }
}
