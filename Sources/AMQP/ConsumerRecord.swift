/// A consumer as the owner thread tracks it. Owner thread only.
final class ConsumerRecord {
    let spec: ConsumerSpec
    let buffer: DeliveryBuffer
    /// The channel of the current subscription (0 while not subscribed).
    var channel: UInt16 = 0
    /// Identifies the current subscription; delivery tags of earlier ones are refused.
    var subscription: UInt64 = 0
    /// Set by a client cancel: nothing more is yielded, late deliveries are requeued, and the channel
    /// stays open for settling what was yielded until the consumer is closed (or the connection drops).
    var isCancelled = false
    /// Deliveries read in this pass, handed to `buffer` together at the end of the pass.
    var staged: [AMQPDelivery] = []
    /// Tags of the current subscription handed out and not settled yet.
    var unsettled = UnsettledDeliveries()
    /// Callers whose single ack was batched in this pass; answered once the batch is written.
    var batchedAcknowledgements: [Reply<Void>] = []

    init(spec: ConsumerSpec, buffer: DeliveryBuffer) {
        self.spec = spec
        self.buffer = buffer
    }

    /// Takes a delivery read from the channel; it stays unsettled until acked, nacked or rejected.
    func stage(_ delivery: AMQPDelivery) {
        staged.append(delivery)
        unsettled.delivered(delivery.deliveryTag.value)
    }

    func flush() {
        guard !staged.isEmpty else { return }
        buffer.append(staged)
        staged.removeAll(keepingCapacity: true)
    }

    /// Hands over what was read, then ends the sequence.
    func end(_ end: DeliveryBuffer.End) {
        flush()
        buffer.finish(end)
    }
}
