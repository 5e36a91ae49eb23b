import Foundation
import Geo
import Postgres

/// A queued photo with what its watermark and its evidence checks need: the upload's declarations,
/// the intervention, the site and the technician.
struct PhotoSubject: Sendable {
    var photoID: UUID
    var interventionID: String
    var originalKey: String
    var originalSHA256: String
    var sizeBytes: Int
    var status: String
    var declaredCaptureAt: Date?
    var position: GeoPoint?
    var accuracyMetres: Double?
    var uploadedAt: Date
    var interventionReference: String
    var siteName: String
    var site: GeoPoint
    var geofence: Geofence
    var timeZone: TimeZone
    var technician: String?

    /// The photo, or nil when the tenant has no such photo.
    static func load(_ photoID: UUID, from pool: PostgresPool) async throws -> PhotoSubject? {
        let rows = try await pool.query("""
            SELECT p.intervention_id::text, p.original_key, p.original_sha256, p.status, p.declared_capture_at,
                   p.latitude, p.longitude, p.accuracy_m, p.created_at, i.reference, s.name, s.latitude, s.longitude,
                   s.geofence::text, s.time_zone, t.full_name, p.size_bytes
            FROM photos p
            JOIN interventions i ON i.id = p.intervention_id
            JOIN sites s ON s.id = i.site_id
            LEFT JOIN technicians t ON t.id = i.assigned_technician_id
            WHERE p.id = \(photoID)
            """)
        guard let row = rows.first else { return nil }
        let (intervention, key, sha256, status, declared, latitude, longitude, accuracy, uploadedAt) =
            try row.decode((String, String, String, String, Date?, Double?, Double?, Double?, Date).self)
        let (reference, siteName, siteLatitude, siteLongitude, geofence, zone, technician) = (
            try row.decode(String.self, at: 9), try row.decode(String.self, at: 10), try row.decode(Double.self, at: 11),
            try row.decode(Double.self, at: 12), try row.decode(String.self, at: 13), try row.decode(String.self, at: 14),
            try row.decode(String?.self, at: 15)
        )
        let sizeBytes = try row.decode(Int.self, at: 16)
        var position: GeoPoint?
        if let latitude, let longitude { position = GeoPoint(latitude: latitude, longitude: longitude) }
        let site = GeoPoint(latitude: siteLatitude, longitude: siteLongitude)
        return PhotoSubject(
            photoID: photoID, interventionID: intervention, originalKey: key, originalSHA256: sha256, sizeBytes: sizeBytes, status: status,
            declaredCaptureAt: declared, position: position,
            accuracyMetres: accuracy, uploadedAt: uploadedAt, interventionReference: reference, siteName: siteName,
            site: site,
            geofence: try StoredGeofence(json: Array(geofence.utf8)).geofence(center: site),
            timeZone: TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!, technician: technician
        )
    }
}
