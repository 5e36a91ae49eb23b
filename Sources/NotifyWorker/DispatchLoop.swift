import Foundation
import Notifications
import Postgres
import Redis
import Synchronization
import Telemetry
import Tenancy

/// The notify worker's clock: every interval it sends, for each active tenant, the digests that are
/// due and the deliveries that are due (retries, mails held by quiet hours, anything a crash left
/// behind), and every alert interval it evaluates the alert rules it can read facts for itself
/// (`TenantFactsReader`). Several workers may run it at once: deliveries are claimed and digest items
/// taken under row locks, and an alert opens once (`alert_states`' key).
public final class DispatchLoop: Sendable {
    public typealias TenantSource = @Sendable () async throws -> [String]

    private let tenants: TenantDatabases
    private let activeTenants: TenantSource
    private let dispatcher: DeliveryDispatcher
    private let committed: CommittedNotifications
    private let alerts: AlertEvaluator
    private let interval: Duration
    private let alertInterval: Duration
    private let lastAlertPass = Mutex<ContinuousClock.Instant?>(nil)
    private let logger: Logger

    public init(
        tenants: TenantDatabases, activeTenants: @escaping TenantSource, dispatcher: DeliveryDispatcher, redis: RedisPool,
        configuration: NotifyWorkerConfiguration, logger: Logger
    ) {
        self.tenants = tenants
        self.activeTenants = activeTenants
        self.dispatcher = dispatcher
        committed = CommittedNotifications(redis: redis, dispatcher: dispatcher)
        alerts = AlertEvaluator(thresholds: configuration.alertThresholds)
        interval = configuration.dispatchInterval
        alertInterval = configuration.alertInterval
        self.logger = logger.with("component", "dispatch-loop")
    }

    /// The active tenants listed by the control plane.
    public static func controlPlaneTenants(_ controlPlane: PostgresPool) -> TenantSource {
        { try await controlPlane.query("SELECT slug FROM tenants WHERE status = 'active' ORDER BY slug").decode((String).self) }
    }

    /// Runs passes until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            await pass()
            try? await Task.sleep(for: interval)
        }
    }

    /// One pass over every active tenant; a tenant that fails is logged and skipped.
    public func pass(now: Date = Date()) async {
        let slugs: [String]
        do {
            slugs = try await activeTenants()
        } catch {
            logger.warning("could not list tenants", ["error": "\(error)"])
            return
        }
        let evaluateAlerts = lastAlertPass.withLock { last in
            guard last.map({ ContinuousClock.now - $0 >= alertInterval }) ?? true else { return false }
            last = .now
            return true
        }
        for slug in slugs where !Task.isCancelled {
            do {
                let pool = try await tenants.pool(for: slug)
                if evaluateAlerts {
                    let raised = try await pool.withTransaction { try await alerts.evaluate(AlertFacts(), tenant: slug, now: now, in: $0) }
                    await committed.deliver(raised, tenant: slug, pool: pool, logger: logger.with("tenant", slug))
                }
                try await dispatcher.flushDigests(pool: pool, now: now)
                try await dispatcher.dispatch(pool: pool)
            } catch {
                logger.warning("dispatch pass failed for a tenant", ["tenant": slug, "error": "\(error)"])
            }
        }
    }
}
