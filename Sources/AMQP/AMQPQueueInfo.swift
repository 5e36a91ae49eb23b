/// What queue.declare-ok reports.
public struct AMQPQueueInfo: Sendable, Hashable {
    /// The queue's name (the generated one when declared with an empty name).
    public let name: String
    public let messageCount: UInt32
    public let consumerCount: UInt32
}
