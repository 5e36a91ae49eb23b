/// A subscription to a queue: iterate it for deliveries, settle them through it.
///
/// The sequence survives reconnects (the client subscribes again with the same tag); it ends with
/// `nil` after `cancel()` or `close()`, and throws when the broker ends it (queue deleted, channel error).
public struct AMQPConsumer: AsyncSequence, Sendable {
    public typealias Element = AMQPDelivery
    public typealias Failure = AMQPError

    public let consumerTag: String
    let buffer: DeliveryBuffer
    let mailbox: Mailbox

    public func makeAsyncIterator() -> Iterator { Iterator(buffer: buffer) }

    public struct Iterator: AsyncIteratorProtocol {
        let buffer: DeliveryBuffer
        private var batch: [AMQPDelivery] = []
        private var index = 0
        private var done = false

        init(buffer: DeliveryBuffer) { self.buffer = buffer }

        public mutating func next(isolation actor: isolated (any Actor)? = #isolation) async throws(AMQPError) -> AMQPDelivery? {
            while index == batch.count {
                guard !done else { return nil }
                switch await buffer.next(isolation: actor) {
                case .deliveries(let deliveries):
                    batch = deliveries
                    index = 0
                case .finished:
                    done = true
                    batch = []
                    index = 0
                case .failed(let error):
                    done = true
                    batch = []
                    index = 0
                    throw error
                }
            }
            defer { index += 1 }
            return batch[index]
        }

        public mutating func next() async throws(AMQPError) -> AMQPDelivery? {
            try await next(isolation: nil)
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

    /// Stops the subscription and ends the sequence. Its channel is closed, so deliveries not yet
    /// acknowledged go back to the queue.
    public func cancel() async throws(AMQPError) {
        try await mailbox.request { .cancel(consumerTag: consumerTag, $0) }
    }

    private func settle(_ tag: AMQPDeliveryTag, _ settlement: ConnectionCommand.Settlement) async throws(AMQPError) {
        try await mailbox.request { .settle(consumerTag: consumerTag, tag, settlement, $0) }
    }
}
