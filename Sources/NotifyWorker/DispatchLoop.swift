import Foundation
import Postgres
import Telemetry
import Tenancy

/// The notify worker's clock: every interval it sends, for each active tenant, the digests that are
/// due and the deliveries that are due (retries, mails held by quiet hours, anything a crash left
/// behind). Several workers may run it at once: deliveries are claimed, digest items taken, under
/// row locks.
public final class DispatchLoop: Sendable {
    public typealias TenantSource = @Sendable () async throws -> [String]

    private let tenants: TenantDatabases
    private let activeTenants: TenantSource
    private let dispatcher: DeliveryDispatcher
    private let interval: Duration
    private let logger: Logger

    public init(tenants: TenantDatabases, activeTenants: @escaping TenantSource, dispatcher: DeliveryDispatcher, interval: Duration, logger: Logger) {
        self.tenants = tenants
        self.activeTenants = activeTenants
        self.dispatcher = dispatcher
        self.interval = interval
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
        for slug in slugs where !Task.isCancelled {
            do {
                let pool = try await tenants.pool(for: slug)
                try await dispatcher.flushDigests(pool: pool, now: now)
                try await dispatcher.dispatch(pool: pool)
            } catch {
                logger.warning("dispatch pass failed for a tenant", ["tenant": slug, "error": "\(error)"])
            }
        }
    }
}
