import Postgres

/// Counts processed photos and the bytes they occupy, per tenant and day, in the control plane's
/// `tenant_usage_daily` (licences, billing, per-tenant cost).
public struct PhotoUsageMeter: Sendable {
    let controlPlane: PostgresPool

    public init(controlPlane: PostgresPool) {
        self.controlPlane = controlPlane
    }

    func record(tenant: String, bytes: Int) async throws {
        try await controlPlane.query("""
            INSERT INTO tenant_usage_daily (tenant_id, day, photos, storage_bytes)
            SELECT id, (now() AT TIME ZONE 'UTC')::date, 1, \(bytes) FROM tenants WHERE slug = \(tenant)
            ON CONFLICT (tenant_id, day) DO UPDATE SET photos = tenant_usage_daily.photos + 1,
                storage_bytes = tenant_usage_daily.storage_bytes + EXCLUDED.storage_bytes
            """)
    }
}
