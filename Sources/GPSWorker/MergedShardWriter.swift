import AMQP
import FieldOpsCore

/// Writes the batches that the process's shard consumers have ready at the same moment in one go:
/// one transaction per tenant for all of them, instead of one per shard and tenant. At one position
/// per message (OsmAnd trackers) each shard's batch is small and the per-transaction work
/// (BEGIN, COPY, COMMIT and its WAL flush, usage, live map) outweighs the positions; while one merged
/// write runs, the next one gathers. A device belongs to one shard and each shard's deliveries keep
/// their order, so merging keeps every device's positions in order. Each shard is told whether its
/// own batch was stored, and retries and acknowledges it itself.
final class MergedShardWriter: Sendable {
    let metrics: GPSMetrics
    private let batcher: RequestBatcher<ShardBatch, Result<Void, any Error>>

    init(writer: ShardBatchWriter) {
        metrics = writer.metrics
        // One write at a time, with any number of shards' batches in it: what gathers meanwhile is
        // the next, larger write.
        batcher = RequestBatcher(purpose: "GPS shard writes", maxBatchSize: 1024, concurrency: 1) { batches in
            do {
                try await writer.store(batches)
                return Array(repeating: .success(()), count: batches.count)
            } catch {
                return Array(repeating: .failure(error), count: batches.count)
            }
        }
    }

    /// Returns once `deliveries` are stored (with whatever other shards had ready); throws when the
    /// write failed, so the caller retries them.
    func store(_ deliveries: [AMQPDelivery], from queue: String) async throws {
        try await batcher.submit(ShardBatch(queue: queue, deliveries: deliveries)).get()
    }
}
