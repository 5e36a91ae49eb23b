import Foundation
import Geo
import Postgres
import Scheduling

/// Reads a day's records from a tenant database: settings, technicians with their shifts, absences
/// and skills, the interventions booked that day or waiting with a window that touches it, and the
/// newest duration model. Times become minutes of the day in PostgreSQL, in the tenant's zone.
enum PlanningDayLoader {
    /// `date` is a validated `YYYY-MM-DD`; `including` is loaded whatever its day and state.
    static func load(date: String, including: UUID? = nil, on connection: PostgresConnection) async throws -> PlanningDayRecords {
        let day = try await planningDay(date, on: connection)
        let settings = try await connection.query("SELECT speed_kmh, detour_factor FROM schedule_settings")
        let travel = try settings.first.map { TravelModel(speedKilometresPerHour: try $0.decode(Double.self, at: 0), detourFactor: try $0.decode(Double.self, at: 1)) }
            ?? TravelModel(speedKilometresPerHour: 40)
        return PlanningDayRecords(
            day: day, travel: travel, technicians: try await technicians(day, on: connection),
            interventions: try await interventions(day, including: including, on: connection), durationModel: try await DurationModelStore.newest(on: connection)
        )
    }

    /// The day's midnight and length in the tenant's planning time zone (default Europe/Paris).
    static func planningDay(_ date: String, on connection: PostgresConnection) async throws -> PlanningDay {
        let rows = try await connection.query("""
            WITH zone AS (SELECT coalesce((SELECT time_zone FROM schedule_settings), 'Europe/Paris') AS name)
            SELECT (\(date)::date::timestamp AT TIME ZONE zone.name), ((\(date)::date + 1)::timestamp AT TIME ZONE zone.name),
                   (\(date)::date - date '1970-01-01')::int8
            FROM zone
            """)
        let (midnight, next, ordinal) = try rows[0].decode((Date, Date, Int).self)
        return PlanningDay(date: date, ordinal: ordinal, midnight: midnight, lengthMinutes: Int((next.timeIntervalSince(midnight) / 60).rounded()))
    }

    /// `minutes(column)`: minutes from the day's midnight, as SQL over the `day` relation.
    private static func minutes(_ column: String) -> String {
        "round(extract(epoch FROM (\(column)) - day.midnight) / 60)::int8"
    }

    private static func technicians(_ day: PlanningDay, on connection: PostgresConnection) async throws -> [TechnicianRecord] {
        var records: [UUID: TechnicianRecord] = [:]
        for row in try await connection.query("SELECT id, home_latitude, home_longitude FROM technicians WHERE status = 'active'") {
            let (id, latitude, longitude) = try row.decode((UUID, Double?, Double?).self)
            let home = latitude.flatMap { latitude in longitude.map { GeoPoint(latitude: latitude, longitude: $0) } }
            records[id] = TechnicianRecord(id: id, home: home, shifts: [], absences: [], skills: [])
        }
        for (table, isShift) in [("shifts", true), ("absences", false)] {
            let rows = try await connection.query("""
                SELECT technician_id, \(unescaped: minutes("greatest(starts_at, day.midnight)")), \(unescaped: minutes("least(ends_at, day.next)"))
                FROM \(unescaped: table), (SELECT \(day.midnight)::timestamptz AS midnight, \(day.end)::timestamptz AS next) AS day
                WHERE starts_at < day.next AND ends_at > day.midnight
                """)
            for row in rows {
                let (technician, start, end) = try row.decode((UUID, Int, Int).self)
                let span = MinuteInterval(start: start, end: end)
                if isShift { records[technician]?.shifts.append(span) } else { records[technician]?.absences.append(span) }
            }
        }
        let skills = try await connection.query("""
            SELECT technician_id, skill, level, (certified_until - date '1970-01-01')::int8 FROM technician_skills
            """)
        for row in skills {
            let (technician, skill, level, expiresOn) = try row.decode((UUID, String, Int, Int?).self)
            records[technician]?.skills.append(SkillCertification(skill: skill, level: level, expiresOn: expiresOn))
        }
        return records.values.sorted { $0.id.uuidString < $1.id.uuidString }
    }

    private static func interventions(_ day: PlanningDay, including: UUID?, on connection: PostgresConnection) async throws -> [InterventionRecord] {
        let rows = try await connection.query("""
            SELECT i.id, i.site_id, i.work_type, s.site_type, i.required_skills, i.estimated_minutes,
                   \(unescaped: minutes("i.window_start")), \(unescaped: minutes("i.window_end")), i.priority, \(unescaped: minutes("i.sla_due_at")),
                   s.latitude, s.longitude, i.status, i.assigned_technician_id,
                   \(unescaped: minutes("i.scheduled_start")), \(unescaped: minutes("i.scheduled_end")), i.pinned, i.version
            FROM interventions i JOIN sites s ON s.id = i.site_id,
                 (SELECT \(day.midnight)::timestamptz AS midnight, \(day.end)::timestamptz AS next) AS day
            WHERE (i.status IN ('assigned', 'in_progress') AND i.assigned_technician_id IS NOT NULL
                   AND i.scheduled_start >= day.midnight AND i.scheduled_start < day.next)
               OR (i.status = 'planned' AND (i.window_start IS NULL OR i.window_start < day.next)
                   AND (i.window_end IS NULL OR i.window_end > day.midnight))
               OR i.id = \(including)
            ORDER BY i.id
            """)
        return try rows.map { row in
            let scheduledStart = try row.decode(Int?.self, at: 14)
            let scheduledEnd = try row.decode(Int?.self, at: 15)
            return InterventionRecord(
                id: try row.decode(UUID.self, at: 0), siteID: try row.decode(UUID.self, at: 1), workType: try row.decode(String.self, at: 2),
                siteType: try row.decode(String.self, at: 3), requiredSkills: try row.decode([String].self, at: 4),
                estimatedMinutes: try row.decode(Int.self, at: 5), windowStart: try row.decode(Int?.self, at: 6), windowEnd: try row.decode(Int?.self, at: 7),
                priority: try row.decode(String.self, at: 8), deadline: try row.decode(Int?.self, at: 9),
                location: GeoPoint(latitude: try row.decode(Double.self, at: 10), longitude: try row.decode(Double.self, at: 11)),
                status: try row.decode(String.self, at: 12), technicianID: try row.decode(UUID?.self, at: 13),
                scheduled: scheduledStart.flatMap { start in scheduledEnd.map { MinuteInterval(start: start, end: $0) } },
                pinned: try row.decode(Bool.self, at: 16), version: try row.decode(Int.self, at: 17)
            )
        }
    }
}
