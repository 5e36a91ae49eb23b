#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GPS
import GPSIngest
import Postgres
import Redis
import Telemetry
import Tenancy

/// Reports devices gone silent: offline needs a clock, which a batch of positions does not give.
///
/// Every `presenceSweepInterval` each worker process tries the Redis lock `lock:{gps-presence-sweep}`
/// once; the winner goes through every active tenant with a registered tracker and, in one
/// transaction per tenant, marks offline the online devices whose last fix is older than the
/// tenant's `offline_after_seconds`, storing and publishing one `device.offline` each.
///
/// The lock only spares the other processes the work. Exactly once comes from the database: the
/// states are locked (`FOR UPDATE SKIP LOCKED`: a device a batch is writing now is not silent) and
/// re-checked by the engine, the event's key is derived from the last fix, and a device already
/// offline derives nothing — so a second sweeper, or a holder whose lease ran out, adds nothing.
final class PresenceSweep: Sendable {
    private let lock: RedisLock
    private let controlPlane: PostgresPool
    private let tenants: TenantDatabases
    private let profiles: TenantProfiles
    private let events: GPSEventPublisher
    private let interval: Duration
    private let metrics: GPSMetrics
    private let logger: Logger

    init(
        redis: RedisPool, controlPlane: PostgresPool, tenants: TenantDatabases, profiles: TenantProfiles, events: GPSEventPublisher,
        interval: Duration, metrics: GPSMetrics, logger: Logger
    ) {
        lock = RedisLock(pool: redis, name: "gps-presence-sweep")
        self.controlPlane = controlPlane
        self.tenants = tenants
        self.profiles = profiles
        self.events = events
        self.interval = interval
        self.metrics = metrics
        self.logger = logger.with("task", "presence-sweep")
    }

    /// Sweeps every interval until the task is cancelled.
    func run() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            do {
                // A lease of two intervals outlives a normal sweep; one that overruns it is still safe (see above).
                guard let lease = try await lock.acquire(ttl: interval * 2) else { continue }
                await sweep()
                try await lease.release()
            } catch {
                logger.warning("presence sweep skipped", ["error": "\(error)"])
            }
        }
    }

    /// One pass over every tenant; a tenant that fails is logged and left for the next pass.
    func sweep() async {
        let slugs: [String]
        do {
            slugs = try await controlPlane.query("""
                SELECT DISTINCT t.slug FROM devices d JOIN tenants t ON t.id = d.tenant_id WHERE t.status = 'active' ORDER BY t.slug
                """).decode(String.self)
        } catch {
            logger.warning("presence sweep cannot list tenants", ["error": "\(error)"])
            return
        }
        for tenant in slugs {
            do {
                try await sweep(tenant: tenant)
            } catch {
                logger.warning("presence sweep failed for a tenant", ["tenant": tenant, "error": "\(error)"])
            }
        }
    }

    private func sweep(tenant: String) async throws {
        let now = EpochClock.nowMilliseconds()
        let offline = try await tenants.pool(for: tenant).withTransaction { connection in
            let profile = try await profiles.profile(for: tenant, connection: connection)
            let cutoff = now - profile.engine.rules.offlineAfter.wholeMilliseconds
            let decoder = JSONDecoder()
            let encoder = JSONEncoder()
            var deviceIDs: [String] = []
            var states: [PostgresJSON] = []
            var offline: [GPSEventMessage] = []
            for row in try await connection.query("""
                SELECT device_id, state FROM device_states
                WHERE state ? 'online_since' AND (state->>'last_fix_time')::int8 <= \(cutoff)
                ORDER BY device_id FOR UPDATE SKIP LOCKED
                """) {
                let (deviceID, json) = try row.decode((String, PostgresJSON).self)
                let (state, event) = profile.engine.silence(try json.decode(DeviceState.self, decoder: decoder), deviceID: deviceID, now: now)
                guard let event else { continue }
                deviceIDs.append(deviceID)
                states.append(try PostgresJSON(encoding: state, encoder: encoder))
                offline.append(GPSEventMessage(event: event, vehicleID: profile.vehicles[deviceID]))
            }
            guard !offline.isEmpty else { return offline }
            try await PositionStore.save(states, of: deviceIDs, connection: connection)
            try await PositionStore.record(offline, connection: connection, encoder: encoder)
            // Before the commit, as for a batch: a lost commit is swept again with the same event ids.
            try await events.publish(offline, tenant: tenant)
            return offline
        }
        if !offline.isEmpty {
            metrics.events.increment(by: Double(offline.count), labels: [DeviceEvent.Kind.deviceOffline.rawValue])
            logger.info("devices offline", ["tenant": tenant, "count": "\(offline.count)"])
        }
    }
}
