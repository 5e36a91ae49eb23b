import Postgres
import Telemetry

/// Exposes each tenant's usage of the day — what the workers count in the control plane's
/// `tenant_usage_daily` — as `fieldops_tenant_usage_today{tenant, kind}` on the gateway's /metrics, so
/// the per-tenant usage and cost dashboard and its recording rules work from Prometheus alone. Every
/// replica exports the same values: dashboards take `max by (tenant, kind)`.
public struct TenantUsageExporter: Sendable {
    static let kinds = ["positions", "photos", "reports", "storage_bytes", "active_users"]

    private let pool: PostgresPool
    private let usage: Gauge
    private let logger: Logger

    public init(pool: PostgresPool, metrics: MetricsRegistry, logger: Logger) {
        self.pool = pool
        usage = metrics.gauge(
            "fieldops_tenant_usage_today", help: "A tenant's usage so far today (UTC) by kind, from the control plane.", labels: ["tenant", "kind"]
        )
        self.logger = logger
    }

    /// Reads today's counters once and sets the gauges.
    public func refresh() async throws {
        let rows = try await pool.query("""
            SELECT t.slug, u.positions, u.photos, u.reports, u.storage_bytes, u.active_users::int8
            FROM tenant_usage_daily u JOIN tenants t ON t.id = u.tenant_id
            WHERE u.day = (now() AT TIME ZONE 'UTC')::date
            """).decode((String, Int64, Int64, Int64, Int64, Int64).self)
        for (tenant, positions, photos, reports, storage, users) in rows {
            for (kind, value) in zip(Self.kinds, [positions, photos, reports, storage, users]) {
                usage.labels(tenant, kind).set(Double(value))
            }
        }
    }

    /// Refreshes every `interval` until cancelled; a failed pass is logged and retried next time.
    public func run(every interval: Duration = .seconds(60)) async {
        await repeating(every: interval, logger: logger, failure: "tenant usage export failed") { try await refresh() }
    }
}
