/// A subscription to a queue: iterate it for deliveries, settle them through it.
///
/// The sequence survives reconnects (the client subscribes again with the same tag); it ends with
/// `nil` after `cancel()` or `close()`, and throws when the broker ends it (queue deleted, channel error).
///
/// Graceful stop: `cancel()`, finish and settle the deliveries already taken, then `close()`.
public struct AMQPConsumer: AsyncSequence, Sendable {
    public typealias Element = AMQPDelivery
    public typealias Failure = AMQPError

    public let consumerTag: String
    let buffer: DeliveryBuffer
    let mailbox: Mailbox

    public func makeAsyncIterator() -> Iterator { Iterator(buffer: buffer) }

    public struct Iterator: AsyncIteratorProtocol {
        let buffer: DeliveryBuffer
        private var done = false

        init(buffer: DeliveryBuffer) { self.buffer = buffer }

        public mutating func next(isolation actor: isolated (any Actor)? = #isolation) async throws(AMQPError) -> AMQPDelivery? {
            guard !done else { return nil }
            switch await buffer.next(isolation: actor) {
            case .delivery(let delivery):
                return delivery
            case .end(.finished):
                done = true
                return nil
            case .end(.failed(let error)):
                done = true
                throw error
            }
        }

        public mutating func next() async throws(AMQPError) -> AMQPDelivery? {
            try await next(isolation: nil)
        }

        /// The next deliveries in order: waits for the first, then adds those already received, up
        /// to `maximum` in all; nil at the end. For consumers that handle deliveries in batches:
        /// one wait per batch, not one per delivery.
        public mutating func next(upTo maximum: Int, isolation actor: isolated (any Actor)? = #isolation) async throws(AMQPError) -> [AMQPDelivery]? {
            guard let first = try await next(isolation: actor) else { return nil }
            return [first] + buffer.takeBuffered(upTo: maximum - 1)
        }
    }

    /// Acknowledges one delivery, or with `multiple` every unsettled one up to it.
    public func ack(deliveryTag: AMQPDeliveryTag, multiple: Bool = false) async throws(AMQPError) {
        try await settle(deliveryTag, .ack(multiple: multiple))
    }

    /// Refuses deliveries; without `requeue` they go to the queue's dead-letter exchange (or are dropped).
    public func nack(deliveryTag: AMQPDeliveryTag, multiple: Bool = false, requeue: Bool) async throws(AMQPError) {
        try await settle(deliveryTag, .nack(multiple: multiple, requeue: requeue))
    }

    public func reject(deliveryTag: AMQPDeliveryTag, requeue: Bool) async throws(AMQPError) {
        try await settle(deliveryTag, .reject(requeue: requeue))
    }

    /// Stops the subscription (basic.cancel) and ends the sequence at once: deliveries not yielded yet,
    /// buffered or still on their way, go back to the queue. The channel stays open, so deliveries
    /// already yielded can still be settled; `close()` once they are. A no-op after `cancel()` or `close()`.
    public func cancel() async throws(AMQPError) {
        try await mailbox.request { .cancel(consumerTag: consumerTag, $0) }
    }

    /// Closes the consumer's channel, cancelling first if needed: deliveries still unsettled go back to
    /// the queue, and settling one later fails with `.consumerCancelled`. A no-op after `close()`.
    public func close() async throws(AMQPError) {
        try await mailbox.request { .closeConsumer(consumerTag: consumerTag, $0) }
    }

    private func settle(_ tag: AMQPDeliveryTag, _ settlement: ConnectionCommand.Settlement) async throws(AMQPError) {
        try await mailbox.request { .settle(consumerTag: consumerTag, tag, settlement, $0) }
    }
}
