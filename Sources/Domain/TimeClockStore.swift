import FieldOpsCore
import Foundation
import Geo
import Identity
import Postgres

/// Clock-ins and -outs with where they were made: each is checked against the site's geofence and
/// kept with its distance and an `outside_geofence` flag (recorded, not refused: the office decides).
public struct TimeClockStore: Sendable {
    public struct Punch: Sendable {
        public var siteID: UUID
        /// Nil: the technician linked to the caller's user.
        public var technicianID: UUID?
        public var kind: String
        public var position: GeoPoint
        public var accuracyMeters: Double

        public init(siteID: UUID, technicianID: UUID?, kind: String, position: GeoPoint, accuracyMeters: Double) {
            self.siteID = siteID
            self.technicianID = technicianID
            self.kind = kind
            self.position = position
            self.accuracyMeters = accuracyMeters
        }
    }

    public static let kinds = ["in", "out", "break_start", "break_end"]

    public init() {}

    /// Technicians punch for themselves only; other roles may punch for a named technician.
    public func record(_ punch: Punch, role: Role, userID: String, context: AuditContext, on pool: PostgresPool) async throws -> [UInt8] {
        try await pool.withTransaction { connection in
            let technician = try await technicianID(for: punch, role: role, userID: userID, on: connection)
            let sites = try await connection.query("SELECT latitude, longitude, geofence FROM sites WHERE id = \(punch.siteID)")
            guard let site = sites.first else { throw DomainError.invalid(FieldErrors(["site_id": "refers to a record that does not exist"])) }
            let (latitude, longitude, geofenceJSON) = try site.decode((Double, Double, PostgresJSON).self)
            let center = GeoPoint(latitude: latitude, longitude: longitude)
            let fence = try StoredGeofence(json: geofenceJSON.rawJSON).geofence(center: center)
            try await context.apply(on: connection)
            let rows = try await connection.query("""
                INSERT INTO time_clock_entries AS e
                    (technician_id, site_id, kind, latitude, longitude, accuracy_m, distance_m, outside_geofence, recorded_by)
                VALUES (\(technician), \(punch.siteID), \(punch.kind), \(punch.position.latitude), \(punch.position.longitude),
                        \(punch.accuracyMeters), \(fence.distanceFromCenter(punch.position)), \(!fence.contains(punch.position)),
                        \(UUID(uuidString: userID)))
                RETURNING to_jsonb(e)
                """)
            return try rows[0].decode(PostgresJSON.self, at: 0).rawJSON
        }
    }

    private func technicianID(for punch: Punch, role: Role, userID: String, on connection: PostgresConnection) async throws -> UUID {
        if role != .technician, let named = punch.technicianID { return named }
        let own = try await connection.query("SELECT id FROM technicians WHERE user_id = \(UUID(uuidString: userID))").decode(UUID.self)
        guard let mine = own.first else {
            throw DomainError(.forbidden, "no technician record is linked to your user; an office role can punch for a named technician_id")
        }
        if let named = punch.technicianID, named != mine {
            throw DomainError(.forbidden, "technicians clock in and out for themselves only")
        }
        return mine
    }
}
