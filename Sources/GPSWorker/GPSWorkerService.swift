import FieldOpsCore
import GPSIngest
import Redis
import Tenancy
import WorkerHost

/// The GPS worker: one `ShardConsumer` per configured shard, writing through one
/// `MergedShardWriter` and sharing the device directory, the tenant profiles and the clients, and
/// the `PresenceSweep` that reports devices gone offline.
public final class GPSWorkerService: ConsumerService {
    private let shards: [ShardConsumer]
    private let presence: PresenceSweep
    private let redis: RedisPool

    /// Reads `GPSWorkerConfiguration` and the Redis settings (`FIELDOPS_REDIS_URL`) from the environment.
    public init(resources: WorkerResources) throws {
        let configuration = try GPSWorkerConfiguration(environment: resources.environment)
        let redis = RedisPool(configuration: try RedisConfiguration(environment: resources.environment), logger: resources.logger)
        let profiles = TenantProfiles()
        let events = GPSEventPublisher(broker: resources.broker, exchange: configuration.eventsExchange)
        let metrics = GPSMetrics(registry: resources.metrics)
        let writer = MergedShardWriter(writer: ShardBatchWriter(
            directory: DeviceDirectory(controlPlane: resources.controlPlane), tenants: resources.tenants, profiles: profiles,
            live: LiveFleet(redis: redis), usage: TenantUsage(controlPlane: resources.controlPlane), broker: resources.broker, events: events,
            configuration: configuration, metrics: metrics, logger: resources.logger
        ))
        presence = PresenceSweep(
            redis: redis, controlPlane: resources.controlPlane, tenants: resources.tenants, profiles: profiles, events: events,
            interval: configuration.presenceSweepInterval, metrics: metrics, logger: resources.logger
        )
        shards = configuration.shardQueues.map {
            ShardConsumer(queue: $0, connection: resources.broker, writer: writer, configuration: configuration, logger: resources.logger)
        }
        self.redis = redis
    }

    public func run() async throws {
        let sweeping = Task { await presence.run() }
        let outcome: Result<Void, any Error>
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for shard in shards { group.addTask { try await shard.run() } }
                do {
                    while try await group.next() != nil {}
                } catch {
                    // One shard's consumer ended on its own: stop the others so the process exits.
                    await stop()
                    throw error
                }
            }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        // The sweep uses Redis until it has finished its current tenant.
        sweeping.cancel()
        await sweeping.value
        await redis.close()
        try outcome.get()
    }

    public func stop() async {
        for shard in shards { await shard.stop() }
    }
}
