import FieldOpsCore

/// How one worker consumes its queue. Read once from the environment; each worker process
/// scales per queue, so these are per process.
public struct WorkerConfiguration: Sendable {
    public var queue: String
    /// Deliveries the broker may push ahead of acknowledgements.
    public var prefetch: UInt16
    /// Messages handled at once; at most `prefetch`.
    public var concurrency: Int
    public var retryPolicy: RetryPolicy
    /// How long in-flight messages may take to finish after SIGTERM.
    public var shutdownGracePeriod: Duration

    public init(
        queue: String, prefetch: UInt16 = 32, concurrency: Int = 8, retryPolicy: RetryPolicy = RetryPolicy(),
        shutdownGracePeriod: Duration = .seconds(25)
    ) {
        precondition(concurrency >= 1 && Int(prefetch) >= concurrency, "prefetch must cover concurrency")
        self.queue = queue
        self.prefetch = prefetch
        self.concurrency = concurrency
        self.retryPolicy = retryPolicy
        self.shutdownGracePeriod = shutdownGracePeriod
    }

    /// `FIELDOPS_WORKER_PREFETCH`, `_CONCURRENCY`, `_MAX_ATTEMPTS`, `_SHUTDOWN_GRACE_MS`.
    public init(queue: String, environment: Environment) throws(ConfigurationError) {
        let concurrency = try environment.int("FIELDOPS_WORKER_CONCURRENCY", default: 8)
        let prefetch = try environment.int("FIELDOPS_WORKER_PREFETCH", default: max(32, concurrency))
        guard concurrency >= 1 else {
            throw ConfigurationError(variable: "FIELDOPS_WORKER_CONCURRENCY", value: "\(concurrency)", expected: "at least 1")
        }
        guard prefetch >= concurrency, prefetch <= Int(UInt16.max) else {
            throw ConfigurationError(variable: "FIELDOPS_WORKER_PREFETCH", value: "\(prefetch)", expected: "between the concurrency and 65535")
        }
        let attempts = try environment.int("FIELDOPS_WORKER_MAX_ATTEMPTS", default: 8)
        guard attempts >= 1 else {
            throw ConfigurationError(variable: "FIELDOPS_WORKER_MAX_ATTEMPTS", value: "\(attempts)", expected: "at least 1")
        }
        self.init(
            queue: queue, prefetch: UInt16(prefetch), concurrency: concurrency, retryPolicy: RetryPolicy(maxAttempts: attempts),
            shutdownGracePeriod: try environment.milliseconds("FIELDOPS_WORKER_SHUTDOWN_GRACE_MS", default: .seconds(25))
        )
    }
}
