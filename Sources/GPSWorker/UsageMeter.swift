#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Postgres

/// Positions stored per tenant and day (UTC) in the control plane's `tenant_usage_daily`, for
/// licences and billing. Counted after the tenant's commit with the rows actually inserted, so a
/// redelivered batch adds nothing.
struct UsageMeter: Sendable {
    let controlPlane: PostgresPool

    func add(positions: Int, tenant: UUID) async throws {
        guard positions > 0 else { return }
        _ = try await controlPlane.query("""
            INSERT INTO tenant_usage_daily (tenant_id, day, positions) VALUES (\(tenant), (now() AT TIME ZONE 'UTC')::date, \(Int64(positions)))
            ON CONFLICT (tenant_id, day) DO UPDATE SET positions = tenant_usage_daily.positions + EXCLUDED.positions
            """)
    }
}
