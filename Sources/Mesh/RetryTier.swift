/// One delay queue of the retry path (`fieldops.retry.<name>`): messages wait there `delay`, then
/// dead-letter back to their origin queue.
public struct RetryTier: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let delay: Duration

    public init(name: String, delay: Duration) {
        self.name = name
        self.delay = delay
    }

    /// The tiers declared in topology/definitions.json, shortest first.
    public static let standard: [RetryTier] = [
        RetryTier(name: "1s", delay: .seconds(1)),
        RetryTier(name: "10s", delay: .seconds(10)),
        RetryTier(name: "1m", delay: .seconds(60)),
        RetryTier(name: "10m", delay: .seconds(600)),
        RetryTier(name: "1h", delay: .seconds(3600)),
    ]

    public var description: String { name }
}
