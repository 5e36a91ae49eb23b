import Foundation
import Postgres

/// Writes a small planning day into a tenant database: sites, technicians with skills, shifts and
/// absences, and interventions, with times given as `HH:MM` of `day` in Europe/Paris (the default
/// planning zone of migrations/tenant/0013_schedule_fences.sql).
public struct PlanningDayFixture: Sendable {
    public let pool: PostgresPool
    /// `YYYY-MM-DD`.
    public let day: String

    public init(pool: PostgresPool, day: String) {
        self.pool = pool
        self.day = day
    }

    /// `HH:MM` of the day as an instant in the planning zone.
    public func instant(_ clock: String) -> String { "\(day) \(clock) Europe/Paris" }

    public func site(latitude: Double, longitude: Double, type: String = "residential") async throws -> UUID {
        try await pool.query("""
            INSERT INTO sites (code, name, site_type, client_name, latitude, longitude)
            VALUES (\("S-" + UUID().uuidString.prefix(8)), 'Chantier', \(type), 'Client', \(latitude), \(longitude)) RETURNING id
            """)[0].decode(UUID.self, at: 0)
    }

    /// A technician at `home` working `shift` (`["08:00", "17:00"]`) with `skills` (code → level).
    public func technician(home: (Double, Double), shift: (String, String), skills: [String: Int]) async throws -> UUID {
        let id = try await pool.query("""
            INSERT INTO technicians (full_name, home_latitude, home_longitude) VALUES ('Tech', \(home.0), \(home.1)) RETURNING id
            """)[0].decode(UUID.self, at: 0)
        try await pool.query("""
            INSERT INTO shifts (technician_id, starts_at, ends_at) VALUES (\(id), \(instant(shift.0))::timestamptz, \(instant(shift.1))::timestamptz)
            """)
        for (skill, level) in skills {
            try await pool.query("INSERT INTO technician_skills (technician_id, skill, level) VALUES (\(id), \(skill), \(level))")
        }
        return id
    }

    public func absence(_ technician: UUID, from start: String, to end: String) async throws {
        try await pool.query("""
            INSERT INTO absences (technician_id, starts_at, ends_at, reason) VALUES (\(technician), \(instant(start))::timestamptz, \(instant(end))::timestamptz, 'sick')
            """)
    }

    /// A planned intervention needing `skills` for `minutes` within `window`.
    public func intervention(site: UUID, skills: [String], minutes: Int, window: (String, String), priority: String = "normal") async throws -> UUID {
        try await pool.query("""
            INSERT INTO interventions (site_id, work_type, title, required_skills, estimated_minutes, window_start, window_end, priority, status)
            VALUES (\(site), 'plomberie', 'Travaux', \(skills), \(minutes), \(instant(window.0))::timestamptz, \(instant(window.1))::timestamptz, \(priority), 'planned')
            RETURNING id
            """)[0].decode(UUID.self, at: 0)
    }

    /// Books an intervention on a technician from `start` to `end`.
    public func book(_ intervention: UUID, on technician: UUID, from start: String, to end: String, status: String = "assigned", pinned: Bool = false) async throws {
        try await pool.query("""
            UPDATE interventions SET assigned_technician_id = \(technician), scheduled_start = \(instant(start))::timestamptz,
                scheduled_end = \(instant(end))::timestamptz, status = \(status), pinned = \(pinned)
            WHERE id = \(intervention)
            """)
    }

    /// The stored booking: technician, start and end as `HH:MM` in the planning zone, status, version.
    public func booking(_ intervention: UUID) async throws -> Booking {
        let row = try await pool.query("""
            SELECT assigned_technician_id, to_char(scheduled_start AT TIME ZONE 'Europe/Paris', 'HH24:MI'),
                   to_char(scheduled_end AT TIME ZONE 'Europe/Paris', 'HH24:MI'), status, version
            FROM interventions WHERE id = \(intervention)
            """)[0]
        let (technician, start, end, status, version) = try row.decode((UUID?, String?, String?, String, Int).self)
        return Booking(technician: technician, start: start, end: end, status: status, version: version)
    }

    public struct Booking: Sendable, Equatable {
        public let technician: UUID?
        public let start: String?
        public let end: String?
        public let status: String
        public let version: Int
    }
}
