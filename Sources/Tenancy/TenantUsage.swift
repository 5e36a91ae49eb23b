#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Postgres

/// A tenant's usage per day (UTC) in the control plane's `tenant_usage_daily`: the basis of
/// licences, billing and the per-tenant cost dashboard. Every component that does metered work adds
/// to it here.
public struct TenantUsage: Sendable {
    public enum Counter: String, Sendable, CaseIterable {
        case positions, photos, reports
        case storageBytes = "storage_bytes"
        case activeUsers = "active_users"
    }

    /// Which tenant: by slug (what messages carry) or by id (what the GPS device registry holds).
    public enum TenantKey: Sendable {
        case slug(String)
        case id(UUID)
    }

    private let controlPlane: PostgresPool

    public init(controlPlane: PostgresPool) {
        self.controlPlane = controlPlane
    }

    /// Adds `amounts` to today's counters of the tenant; zero amounts are left out.
    public func add(_ amounts: [Counter: Int64], to tenant: TenantKey) async throws {
        let counted = Counter.allCases.filter { (amounts[$0] ?? 0) != 0 }
        guard !counted.isEmpty else { return }
        // Column names come from `Counter`; the amounts and the tenant are bound.
        var sql = PostgresQuery.StringInterpolation(literalCapacity: 256, interpolationCount: counted.count + 1)
        sql.appendLiteral("INSERT INTO tenant_usage_daily (tenant_id, day, " + counted.map(\.rawValue).joined(separator: ", ") + ") SELECT id, (now() AT TIME ZONE 'UTC')::date")
        for counter in counted {
            sql.appendLiteral(", ")
            sql.appendInterpolation(amounts[counter]!)
        }
        switch tenant {
        case .slug(let slug):
            sql.appendLiteral(" FROM tenants WHERE slug = ")
            sql.appendInterpolation(slug)
        case .id(let id):
            sql.appendLiteral(" FROM tenants WHERE id = ")
            sql.appendInterpolation(id)
        }
        sql.appendLiteral(" ON CONFLICT (tenant_id, day) DO UPDATE SET " + counted.map { "\($0.rawValue) = tenant_usage_daily.\($0.rawValue) + EXCLUDED.\($0.rawValue)" }.joined(separator: ", "))
        try await controlPlane.query(PostgresQuery(stringInterpolation: sql))
    }
}
