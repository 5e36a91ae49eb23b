import Geo
import Postgres

/// Who changes the data, for which request and from where: written into transaction-local
/// settings that the audit trigger (migrations/tenant/0009_audit.sql) reads for each entry.
public struct AuditContext: Sendable {
    /// `user:<id>` for people, `worker:<name>` for the mesh, `system` otherwise.
    public let actor: String
    public let requestID: String?
    public let position: GeoPoint?

    public init(actor: String, requestID: String?, position: GeoPoint? = nil) {
        self.actor = actor
        self.requestID = requestID
        self.position = position
    }

    /// Must run inside the transaction whose changes it describes.
    public func apply(on connection: PostgresConnection) async throws {
        let latitude = position.map { String($0.latitude) } ?? ""
        let longitude = position.map { String($0.longitude) } ?? ""
        try await connection.query("""
            SELECT set_config('fieldops.actor', \(actor), true), set_config('fieldops.request_id', \(requestID ?? ""), true),
                   set_config('fieldops.latitude', \(latitude), true), set_config('fieldops.longitude', \(longitude), true)
            """)
    }
}
