import AMQP
import FieldOpsCore
import Synchronization
import Telemetry

/// Consumes one shard queue in order: batches of deliveries are stored one after the other and
/// acknowledged together (`ack multiple`) after they are committed. A batch that fails is retried
/// in place with backoff — the shard waits rather than let later positions of a device overtake
/// earlier ones. With single-active-consumer, a second process subscribed to the shard waits as a
/// standby and takes over, from the first unacknowledged delivery, when this one goes away.
final class ShardConsumer: Sendable {
    let queue: String
    private let connection: AMQPConnection
    private let writer: MergedShardWriter
    private let configuration: GPSWorkerConfiguration
    private let logger: Logger
    private let consumerTag: String
    private let stopping = Atomic<Bool>(false)

    init(queue: String, connection: AMQPConnection, writer: MergedShardWriter, configuration: GPSWorkerConfiguration, logger: Logger) {
        self.queue = queue
        self.connection = connection
        self.writer = writer
        self.configuration = configuration
        self.logger = logger.with("queue", queue)
        consumerTag = "\(queue)-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))"
    }

    /// Whatever arrived while the previous batch was being stored is the next batch: one delivery
    /// at low rates (no added latency), up to the limit under load, where the cost per position falls.
    func run() async throws {
        let consumer = try await connection.consume(queue: queue, prefetch: configuration.prefetch, consumerTag: consumerTag)
        var deliveries = consumer.makeAsyncIterator()
        logger.info("consuming shard", ["prefetch": "\(configuration.prefetch)", "batch": "\(configuration.maximumBatch)"])
        var failure: AMQPError?
        do throws(AMQPError) {
            while let batch = try await deliveries.next(upTo: configuration.maximumBatch) {
                guard await storeUntilDone(batch) else { break }
                do {
                    try await consumer.ack(deliveryTag: batch[batch.count - 1].deliveryTag, multiple: true)
                } catch {
                    // Stored and committed: the broker redelivers after a reconnect and the replay is a no-op.
                    logger.warning("acknowledgement lost; the batch will be redelivered", ["error": "\(error)"])
                }
            }
        } catch {
            failure = error
        }
        // Unacknowledged deliveries (a batch abandoned on stop) return to the queue when the channel closes.
        try? await consumer.close()
        if let failure, !stopping.load(ordering: .relaxed) { throw failure }
        logger.info("stopped consuming shard")
    }

    func stop() async {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        do {
            try await connection.cancel(consumerTag: consumerTag)
        } catch {
            logger.warning("shard consumer cancel failed", ["error": "\(error)"])
        }
    }

    /// True once stored; false when asked to stop while the batch keeps failing.
    private func storeUntilDone(_ batch: [AMQPDelivery]) async -> Bool {
        var attempt = 0
        while true {
            do {
                try await writer.store(batch, from: queue)
                return true
            } catch {
                if stopping.load(ordering: .relaxed) { return false }
                let delay = configuration.retryBackoff.delay(attempt: attempt)
                attempt += 1
                writer.metrics.batchRetries.increment()
                logger.warning("storing a batch failed; retrying it", ["error": "\(error)", "retry.in_ms": "\(delay.wholeMilliseconds)"])
                try? await Task.sleep(for: delay)
            }
        }
    }
}
