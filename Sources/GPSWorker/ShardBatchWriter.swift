import AMQP
import FieldOpsCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GPS
import GPSIngest
import Mesh
import Postgres
import Telemetry
import Tenancy

/// The deliveries one shard consumer took together, and the shard they came from.
struct ShardBatch: Sendable {
    let queue: String
    let deliveries: [AMQPDelivery]
}

/// Stores shard batches: reads each delivery, validates its positions, writes each tenant's share
/// in one transaction (publishing the derived events before the commit), then meters usage,
/// refreshes the live map and parks what can never be stored. It either completes or throws, and
/// running it again on the same deliveries stores, derives, counts and parks nothing twice — so the
/// caller retries failed batches whole and acknowledges them only after success.
struct ShardBatchWriter: Sendable {
    let directory: DeviceDirectory
    let tenants: TenantDatabases
    let profiles: TenantProfiles
    let live: LiveFleet
    let usage: TenantUsage
    let broker: AMQPConnection
    let events: GPSEventPublisher
    let configuration: GPSWorkerConfiguration
    let metrics: GPSMetrics
    let logger: Logger

    /// Each shard's deliveries keep their order, so each device's positions do (a device belongs to
    /// one shard); the shard is named in what is parked.
    func store(_ batches: [ShardBatch]) async throws {
        let now = EpochClock.nowMilliseconds()
        let decoder = JSONTapeDecoder()
        var byTenant: [String: [ReceivedPositions]] = [:]
        var unusable: [(delivery: AMQPDelivery, queue: String, reason: String)] = []
        var rejected = 0
        for batch in batches {
            for delivery in batch.deliveries {
                switch try await IncomingDelivery.read(delivery, directory: directory, decoder: decoder, now: now) {
                case .unusable(let reason):
                    unusable.append((delivery, batch.queue, reason))
                case .positions(let device, let receivedAt, let positions):
                    let outcome = configuration.validation.check(positions, now: now)
                    if let first = outcome.rejected.first {
                        rejected += outcome.rejected.count
                        logger.warning("positions refused", ["device": device.deviceID, "count": "\(outcome.rejected.count)", "reason": "\(first.error)"])
                    }
                    guard !outcome.accepted.isEmpty else { continue }
                    byTenant[device.tenantSlug, default: []].append(ReceivedPositions(device: device, receivedAt: receivedAt, positions: outcome.accepted))
                }
            }
        }
        if rejected > 0 { metrics.positions.increment(by: Double(rejected), labels: ["rejected"]) }
        for tenant in byTenant.keys.sorted() {
            try await store(byTenant[tenant]!, tenant: tenant)
        }
        for (delivery, queue, reason) in unusable { try await park(delivery, from: queue, reason: reason) }
    }

    private func store(_ received: [ReceivedPositions], tenant: String) async throws {
        let started = ContinuousClock.now
        let outcome = try await tenants.pool(for: tenant).withTransaction { connection in
            let profile = try await profiles.profile(for: tenant, connection: connection)
            let outcome = try await PositionStore.write(received, profile: profile, connection: connection)
            // Before the commit: if the commit is lost, the batch comes again and derives the same
            // events with the same ids; after it, a crash in between would lose them.
            try await events.publish(outcome.events, tenant: tenant)
            return outcome
        }
        let committed = EpochClock.nowMilliseconds()
        metrics.batchSeconds.observe(ContinuousClock.now - started)
        let total = received.reduce(0) { $0 + $1.positions.count }
        metrics.positions.increment(by: Double(outcome.stored), labels: ["stored"])
        metrics.positions.increment(by: Double(total - outcome.stored), labels: ["duplicate"])
        for delivery in received { metrics.lag.observe(Double(max(0, committed - delivery.receivedAt)) / 1000) }
        for event in outcome.events { metrics.events.increment(labels: [event.event.kind.rawValue]) }

        // Both are best effort: the positions are committed, and failing the batch now would not
        // bring either back (a replay inserts nothing, so counts nothing and moves no device).
        do {
            try await usage.add([.positions: Int64(outcome.stored)], to: .id(received[0].device.tenantID))
        } catch {
            logger.error("usage not counted", ["tenant": tenant, "positions": "\(outcome.stored)", "error": "\(error)"])
        }
        do {
            try await live.record(outcome.live, tenant: tenant)
        } catch {
            logger.warning("live positions not updated", ["tenant": tenant, "error": "\(error)"])
        }
    }

    /// To `fieldops.gps.dead` with the reason, confirmed, as the mesh's runtime parks.
    private func park(_ delivery: AMQPDelivery, from queue: String, reason: String) async throws {
        var properties = delivery.properties
        var headers = properties.headers ?? [:]
        headers[MeshHeader.parkReason] = .string(String(reason.prefix(1024)))
        headers[MeshHeader.originQueue] = .string(queue)
        headers[MeshHeader.parkedAt] = .int64(Int64(EpochClock.nowMilliseconds() / 1000))
        properties.headers = headers
        try await broker.publish(
            exchange: MeshExchange.dead, routingKey: GPSWorkerConfiguration.parkingRoutingKey, body: delivery.body, properties: properties, mandatory: true
        )
        metrics.parked.increment()
        logger.error("delivery parked", ["reason": reason])
    }
}
