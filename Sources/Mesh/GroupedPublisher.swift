import AMQP
import FieldOpsCore

/// Publishes the messages of concurrent callers together: while a batch waits for its publisher
/// confirms, the messages that arrive form the next batch, published back to back and confirmed in
/// one round trip (`AMQPConnection.publishEach`). One batch at a time, as for job submissions: each
/// confirm round costs the broker a quorum-log sync and its wake-ups whatever the batch's size, so
/// fewer, larger rounds leave it more of the cores. Each caller is told only its own message's
/// outcome. For paths where every request publishes one small message and waits for its confirm
/// (trackers posting one position each): one confirm round trip per request is what limits them.
public final class GroupedPublisher: Sendable {
    private let batcher: RequestBatcher<AMQPOutgoingMessage, Result<Void, AMQPError>>

    /// - Parameters:
    ///   - purpose: names the batches' thread.
    ///   - maxBatchSize: the most messages one batch publishes.
    public init(broker: BrokerLink, purpose: String, maxBatchSize: Int = 256) {
        batcher = RequestBatcher(purpose: purpose, maxBatchSize: maxBatchSize, concurrency: 1) { messages in
            guard let connection = broker.connection else {
                let error = AMQPError(.connectionClosed, "no connection to the broker")
                return Array(repeating: .failure(error), count: messages.count)
            }
            return await connection.publishEach(messages)
        }
    }

    /// Returns once the broker confirmed `message`; throws when it refused it or could not be reached.
    public func publish(_ message: AMQPOutgoingMessage) async throws(AMQPError) {
        try await batcher.submit(message).get()
    }
}
