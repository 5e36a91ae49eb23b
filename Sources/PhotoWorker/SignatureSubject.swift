import Foundation
import Geo
import Postgres

/// A queued signature image with what its stamp needs: the signature (signer, time, position, the
/// hash of the summary it approves), the intervention's reference and the site's time zone.
struct SignatureSubject: Sendable {
    var signatureID: UUID
    var interventionID: String
    var signerName: String
    var signerRole: String
    var signedAt: Date
    var position: GeoPoint?
    var summarySHA256: String
    var originalKey: String
    var sizeBytes: Int
    var status: String
    var stampedSHA256: String?
    var interventionReference: String
    var timeZone: TimeZone

    /// The signature's image, or nil when the tenant has no image for that signature.
    static func load(_ signatureID: UUID, from pool: PostgresPool) async throws -> SignatureSubject? {
        let rows = try await pool.query("""
            SELECT g.intervention_id::text, g.signer_name, g.signer_role, g.signed_at, g.latitude, g.longitude,
                   encode(g.summary_sha256, 'hex'), m.original_key, m.size_bytes, m.status, m.stamped_sha256, i.reference, s.time_zone
            FROM signature_images m
            JOIN signatures g ON g.id = m.signature_id
            JOIN interventions i ON i.id = g.intervention_id
            JOIN sites s ON s.id = i.site_id
            WHERE m.signature_id = \(signatureID)
            """)
        guard let row = rows.first else { return nil }
        let (intervention, signer, role, signedAt, latitude, longitude, summary) =
            try row.decode((String, String, String, Date, Double?, Double?, String).self)
        let (key, size, status, stamped, reference, zone) = (
            try row.decode(String.self, at: 7), try row.decode(Int.self, at: 8), try row.decode(String.self, at: 9),
            try row.decode(String?.self, at: 10), try row.decode(String.self, at: 11), try row.decode(String.self, at: 12)
        )
        var position: GeoPoint?
        if let latitude, let longitude { position = GeoPoint(latitude: latitude, longitude: longitude) }
        return SignatureSubject(
            signatureID: signatureID, interventionID: intervention, signerName: signer, signerRole: role, signedAt: signedAt,
            position: position, summarySHA256: summary, originalKey: key, sizeBytes: size, status: status, stampedSHA256: stamped,
            interventionReference: reference, timeZone: TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        )
    }
}
