#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Geo
import GPS
import Postgres

/// What the event engine needs of a tenant: its sites' geofences, its motion and presence settings, and which
/// vehicle carries which tracker. Read from the tenant database and kept for a minute, so a new
/// site or threshold takes effect within that time.
struct TenantProfile: Sendable {
    var engine: MotionEngine
    var vehicles: [String: UUID]

    /// `{"radius_m": …}` or `{"polygon": [[lat, lon], …]}`, as sites store them.
    private struct StoredGeofence: Decodable {
        var radius: Double?
        var polygon: [[Double]]?

        enum CodingKeys: String, CodingKey {
            case radius = "radius_m", polygon
        }
    }

    static func load(from connection: PostgresConnection) async throws -> TenantProfile {
        // Creating next months' partitions here keeps them ahead of the data without a scheduler.
        _ = try await connection.query("SELECT create_position_partitions()")
        let decoder = JSONDecoder()
        var sites: [SiteArea] = []
        for row in try await connection.query("SELECT id, latitude, longitude, geofence FROM sites WHERE status IN ('planned', 'active')") {
            let (id, latitude, longitude, json) = try row.decode((UUID, Double, Double, PostgresJSON).self)
            // A geofence the API would refuse today (older data) is skipped rather than failing every batch.
            guard let stored = try? json.decode(StoredGeofence.self, decoder: decoder),
                  let geofence = try? Geofence(radiusMeters: stored.radius, polygon: stored.polygon, center: GeoPoint(latitude: latitude, longitude: longitude))
            else { continue }
            sites.append(SiteArea(siteID: id.uuidString.lowercased(), geofence: geofence))
        }
        var rules = MotionRules()
        if let settings = try await connection.query("""
            SELECT still_speed_mps, minimum_stop_seconds, speed_limit_mps, offline_after_seconds FROM gps_settings
            """).first {
            let (still, minimumStop, limit, offlineAfter) = try settings.decode((Float, Int, Float?, Int).self)
            rules = MotionRules(
                stillSpeed: Double(still), minimumStop: .seconds(minimumStop), speedLimit: limit.map(Double.init), offlineAfter: .seconds(offlineAfter)
            )
        }
        var vehicles: [String: UUID] = [:]
        for row in try await connection.query("SELECT tracker_device, id FROM vehicles WHERE tracker_device IS NOT NULL") {
            let (device, id) = try row.decode((String, UUID).self)
            vehicles[device] = id
        }
        return TenantProfile(engine: MotionEngine(rules: rules, sites: sites), vehicles: vehicles)
    }
}
