import FieldOpsCore
import Postgres
import Synchronization
import Telemetry

/// The one way to reach a tenant's database: a small pool per tenant, opened with the tenant's own
/// role on the server the control plane places it on.
///
/// A tenant's placement and status are read from the control plane and trusted for
/// `placementTimeToLive`; after that they are read again, so a suspension closes the tenant's pool
/// and refuses it within that time (`invalidate` makes it immediate). At most `maxTenantPools`
/// pools stay open: opening one more closes the least recently used. A caller still holding an
/// evicted pool gets `poolClosed` on its next checkout and asks the registry again.
public final class TenantDatabases: Sendable {
    private struct Entry {
        var pool: PostgresPool
        var record: TenantConnectionRecord
        var resolvedAt: ContinuousClock.Instant
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var useCounter: UInt64 = 0
        var closed = false

        mutating func nextUse() -> UInt64 {
            useCounter += 1
            return useCounter
        }
    }

    private let catalog: TenantCatalog
    private let configuration: TenancyConfiguration
    /// Connection options (TLS, timeouts) for tenant pools: those of the control plane.
    private let connectionTemplate: PostgresConfiguration
    private let logger: Logger
    private let state = Mutex(State())

    public init(controlPlane: PostgresPool, configuration: TenancyConfiguration, logger: Logger) {
        catalog = TenantCatalog(pool: controlPlane)
        self.configuration = configuration
        var template = controlPlane.configuration
        template.applicationName = controlPlane.configuration.applicationName + "-tenant"
        connectionTemplate = template
        self.logger = logger.with("component", "tenant-databases")
    }

    /// The pool of an active tenant. Throws `TenancyError` `.unknownTenant`, `.tenantSuspended` or
    /// `.tenantUnavailable` (provisioning, deleting) for any other.
    public func pool(for tenant: String) async throws -> PostgresPool {
        let now = ContinuousClock.now
        let timeToLive = configuration.placementTimeToLive
        let cached: PostgresPool? = try state.withLock { state throws(TenancyError) in
            guard !state.closed else { throw TenancyError(code: .tenantUnavailable, message: "the tenant database registry is closed") }
            guard let entry = state.entries[tenant], now - entry.resolvedAt < timeToLive else { return nil }
            let use = state.nextUse()
            state.entries[tenant]?.lastUse = use
            return entry.pool
        }
        if let cached { return cached }
        return try await resolve(tenant, at: now)
    }

    /// Forgets what is known of a tenant and closes its pool: the next `pool(for:)` reads the control
    /// plane again. For a suspension or a move to take effect at once.
    public func invalidate(_ tenant: String) async {
        let removed = state.withLock { $0.entries.removeValue(forKey: tenant) }
        await removed?.pool.close()
    }

    /// The tenants with an open pool, most recently used first.
    public var openTenants: [String] {
        state.withLock { state in state.entries.sorted { $0.value.lastUse > $1.value.lastUse }.map(\.key) }
    }

    /// Closes every pool; later calls fail.
    public func close() async {
        let pools = state.withLock { state in
            state.closed = true
            defer { state.entries = [:] }
            return state.entries.values.map(\.pool)
        }
        for pool in pools { await pool.close() }
    }

    private func resolve(_ tenant: String, at now: ContinuousClock.Instant) async throws -> PostgresPool {
        let record = try await catalog.connectionRecord(tenant)
        guard let record, record.status == .active else {
            await invalidate(tenant)
            throw Self.refusal(tenant, record?.status)
        }
        guard let sealed = record.sealedPassword, let password = configuration.secrets.open(sealed) else {
            throw TenancyError(code: .secretUnreadable, message: "the database password of tenant \(tenant) cannot be opened with the configured key")
        }
        let candidate = PostgresPool(
            configuration: connectionTemplate.reaching(
                host: record.host, port: record.port, database: record.database, role: record.role,
                password: String(decoding: password, as: UTF8.self), poolSize: configuration.tenantPoolSize
            ),
            logger: logger.with("tenant", tenant)
        )
        let maxPools = configuration.maxTenantPools
        let (pool, closing) = state.withLock { state -> (PostgresPool, [PostgresPool]) in
            let use = state.nextUse()
            // Another task may have resolved the same tenant meanwhile: keep its pool if it still fits.
            if let existing = state.entries[tenant], existing.record == record {
                state.entries[tenant] = Entry(pool: existing.pool, record: record, resolvedAt: now, lastUse: use)
                return (existing.pool, [candidate])
            }
            var closing = state.entries[tenant].map { [$0.pool] } ?? []
            state.entries[tenant] = Entry(pool: candidate, record: record, resolvedAt: now, lastUse: use)
            while state.entries.count > maxPools, let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.entries[oldest.key] = nil
                closing.append(oldest.value.pool)
            }
            return (candidate, closing)
        }
        for evicted in closing { await evicted.close() }
        return pool
    }

    private static func refusal(_ tenant: String, _ status: TenantStatus?) -> TenancyError {
        switch status {
        case nil: TenancyError(code: .unknownTenant, message: "no tenant \(tenant)")
        case .suspended: TenancyError(code: .tenantSuspended, message: "tenant \(tenant) is suspended")
        case let status?: TenancyError(code: .tenantUnavailable, message: "tenant \(tenant) is \(status.rawValue)")
        }
    }
}
