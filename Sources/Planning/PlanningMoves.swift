import Domain
import Foundation
import Postgres
import Scheduling

/// A dispatcher's drag and drop, checked against the day as stored: the intervention goes to the
/// technician at the start asked only if no hard constraint breaks (skills, window, shift, absences,
/// overlap, travel from the previous stop and to the next); otherwise every conflict is returned.
///
/// The check and the write share one transaction holding the day's `schedule_fences` row, so two
/// moves on the same day, or a move and a plan commit, cannot both pass against the same bookings.
public struct PlanningMoves: Sendable {
    public init() {}

    public enum Outcome: Sendable {
        case applied(VersionedRecord)
        case refused([MoveConflict], day: PlanningDay)
    }

    /// `pin` keeps the intervention on this technician when the day is planned again.
    public func move(
        interventionID: UUID, technicianID: UUID, start: Date, pin: Bool, expectedVersion: Int, audit: AuditContext, on pool: PostgresPool
    ) async throws -> Outcome {
        try await pool.withTransaction { connection in
            let rows = try await connection.query("""
                SELECT i.status, i.version, to_char((\(start)::timestamptz AT TIME ZONE zone.name)::date, 'YYYY-MM-DD')
                FROM interventions i, (SELECT coalesce((SELECT time_zone FROM schedule_settings), 'Europe/Paris') AS name) AS zone
                WHERE i.id = \(interventionID) FOR UPDATE OF i
                """)
            guard let row = rows.first else { throw DomainError(.notFound, "no such intervention") }
            let (status, version, date) = try row.decode((String, Int, String).self)
            guard version == expectedVersion else {
                throw DomainError(.versionMismatch(current: version), "the intervention changed since you read it (now version \(version))")
            }
            guard status == "planned" || status == "assigned" else {
                throw DomainError(.notAllowed, "only planned or assigned interventions can be moved; this one is \(status)")
            }
            try await connection.query("INSERT INTO schedule_fences (day, token) VALUES (\(date)::date, 0) ON CONFLICT (day) DO NOTHING")
            try await connection.query("SELECT token FROM schedule_fences WHERE day = \(date)::date FOR UPDATE")

            let records = try await PlanningDayLoader.load(date: date, including: interventionID, on: connection)
            let dayProblem = DayProblemBuilder.build(records, scope: .interventions([interventionID]), moving: interventionID)
            let minute = dayProblem.day.minute(of: start)
            let move = ManualMove(interventionID: interventionID.lowercased, technicianID: technicianID.lowercased, start: minute)
            let conflicts = move.conflicts(in: dayProblem.problem, bookings: dayProblem.bookings)
            guard conflicts.isEmpty, let work = dayProblem.problem.interventions.first(where: { $0.id == move.interventionID }) else {
                return .refused(conflicts, day: dayProblem.day)
            }
            try await audit.apply(on: connection)
            let updated = try await connection.query("""
                UPDATE interventions SET status = 'assigned', assigned_technician_id = \(technicianID), pinned = \(pin),
                    scheduled_start = \(dayProblem.day.instant(minute)), scheduled_end = \(dayProblem.day.instant(minute + work.durationMinutes))
                WHERE id = \(interventionID) RETURNING to_jsonb(interventions), version
                """)
            return .applied(VersionedRecord(json: try updated[0].decode(PostgresJSON.self, at: 0).rawJSON, version: try updated[0].decode(Int.self, at: 1)))
        }
    }
}
