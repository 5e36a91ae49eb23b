/// Channel numbers of one connection. 1 runs declarations, 2 publishes with confirms, each consumer
/// gets its own from 3 up. Consumer numbers advance round-robin instead of reusing the lowest free one,
/// so frames still queued for a just-closed channel can never be taken for a new consumer's.
struct ChannelNumbers {
    static let control: UInt16 = 1
    static let publishing: UInt16 = 2
    private static let firstConsumer: UInt16 = 3

    private var inUse: Set<UInt16> = []
    private var next = firstConsumer
    private let maximum: UInt16

    init(maximum: UInt16) {
        self.maximum = max(maximum, Self.firstConsumer)
    }

    mutating func allocate() throws(AMQPError) -> UInt16 {
        let capacity = Int(maximum - Self.firstConsumer) + 1
        for _ in 0..<capacity {
            let candidate = next
            next = next == maximum ? Self.firstConsumer : next + 1
            if inUse.insert(candidate).inserted { return candidate }
        }
        throw AMQPError(.invalidArgument, "all \(capacity) consumer channels of the connection are in use")
    }

    mutating func release(_ channel: UInt16) { inUse.remove(channel) }
}
