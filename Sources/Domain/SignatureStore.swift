import FieldOpsCore
import FieldOpsCrypto
import Foundation
import Geo
import Postgres

/// Client and technician signatures of an intervention. What was signed is pinned by the SHA-256
/// of the intervention's summary at that moment (its fields, checklist answers and materials), so
/// a later change to the intervention shows as a summary that no longer matches. Rows are immutable.
public struct SignatureStore: Sendable {
    public struct Signature: Sendable {
        public var interventionID: UUID
        public var signerName: String
        public var signerRole: String
        /// Pen strokes: `[[[x, y], …], …]`, or nil when a PNG is given.
        public var strokes: JSONValue?
        public var imagePNG: [UInt8]?
        public var position: GeoPoint?

        public init(interventionID: UUID, signerName: String, signerRole: String, strokes: JSONValue?, imagePNG: [UInt8]?, position: GeoPoint?) {
            self.interventionID = interventionID
            self.signerName = signerName
            self.signerRole = signerRole
            self.strokes = strokes
            self.imagePNG = imagePNG
            self.position = position
        }
    }

    public init() {}

    public func sign(_ signature: Signature, userID: String, context: AuditContext, on pool: PostgresPool) async throws -> [UInt8] {
        try await pool.withTransaction { connection in
            guard let summary = try await Self.summary(of: signature.interventionID, on: connection) else {
                throw DomainError(.notFound, "no such intervention")
            }
            try await context.apply(on: connection)
            let strokes = try signature.strokes.map { PostgresJSON(rawJSON: Array(try JSONEncoder().encode($0))) }
            let rows = try await connection.query("""
                INSERT INTO signatures AS s (intervention_id, signer_name, signer_role, latitude, longitude, strokes, image_png, summary_sha256, recorded_by)
                VALUES (\(signature.interventionID), \(signature.signerName), \(signature.signerRole), \(signature.position?.latitude),
                        \(signature.position?.longitude), \(strokes), \(signature.imagePNG), \(SHA256.digest(summary)),
                        \(UUID(uuidString: userID)))
                RETURNING to_jsonb(s) - 'image_png' || jsonb_build_object('summary_sha256', encode(s.summary_sha256, 'hex'), 'has_image', s.image_png IS NOT NULL)
                """)
            return try rows[0].decode(PostgresJSON.self, at: 0).rawJSON
        }
    }

    /// The canonical text of what a signer approves; nil when the intervention does not exist.
    static func summary(of interventionID: UUID, on connection: PostgresConnection) async throws -> [UInt8]? {
        let rows = try await connection.query("""
            SELECT jsonb_build_object(
                'intervention', (SELECT to_jsonb(i) - 'version' - 'updated_at' FROM interventions i WHERE i.id = \(interventionID)),
                'checklist', (SELECT coalesce(jsonb_agg(jsonb_build_object('position', position, 'label', label_fr, 'value', value) ORDER BY position), '[]')
                              FROM intervention_checklist_items WHERE intervention_id = \(interventionID)),
                'materials', (SELECT coalesce(jsonb_agg(jsonb_build_object('material', material, 'quantity', quantity) ORDER BY created_at, id), '[]')
                              FROM material_consumptions WHERE intervention_id = \(interventionID))
            )::text WHERE EXISTS (SELECT 1 FROM interventions WHERE id = \(interventionID))
            """)
        return try rows.first.map { Array(try $0.decode(String.self, at: 0).utf8) }
    }
}
