import Domain
import Foundation
import Postgres

/// Writes a solved day's changes in one transaction, fenced: the day's row in `schedule_fences`
/// advances to the lease's fencing token only if that token is newer than the last committed one
/// (`WHERE token < new`), and the row lock it takes orders concurrent commits and manual moves of
/// the day. Each write also requires the intervention's stored version unchanged since the load.
enum PlanCommit {
    static func write(_ solved: SolvedDay, fencingToken: Int, audit: AuditContext, on connection: PostgresConnection) async throws -> [AssignmentChange] {
        let day = solved.dayProblem.day.date
        let advanced = try await connection.query("""
            INSERT INTO schedule_fences (day, token) VALUES (\(day)::date, \(fencingToken))
            ON CONFLICT (day) DO UPDATE SET token = EXCLUDED.token, committed_at = now()
            WHERE schedule_fences.token < EXCLUDED.token
            RETURNING token
            """)
        guard !advanced.isEmpty else {
            let current = try await connection.query("SELECT token FROM schedule_fences WHERE day = \(day)::date")
            throw StaleFencingToken(day: day, token: fencingToken, current: try current.first?.decode(Int.self, at: 0) ?? fencingToken)
        }
        try await audit.apply(on: connection)
        let changes = solved.changes
        for change in changes {
            guard let id = UUID(uuidString: change.interventionID) else { continue }
            let updated: PostgresRows
            switch change.kind {
            case .assigned:
                updated = try await connection.query("""
                    UPDATE interventions SET status = 'assigned', assigned_technician_id = \(UUID(uuidString: change.technicianID)),
                        scheduled_start = \(change.start), scheduled_end = \(change.end)
                    WHERE id = \(id) AND version = \(change.version) AND NOT pinned AND status IN ('planned', 'assigned')
                    RETURNING id
                    """)
            case .unassigned:
                updated = try await connection.query("""
                    UPDATE interventions SET status = 'planned', assigned_technician_id = NULL, scheduled_start = NULL, scheduled_end = NULL
                    WHERE id = \(id) AND version = \(change.version) AND NOT pinned AND status = 'assigned'
                    RETURNING id
                    """)
            }
            guard !updated.isEmpty else { throw InterventionChangedDuringPlanning(interventionID: id) }
        }
        return changes
    }
}
