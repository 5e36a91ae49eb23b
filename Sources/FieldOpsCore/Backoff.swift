/// Exponential backoff with full jitter, for reconnect loops and retries.
///
/// Full jitter (a uniform draw in `0...cap`) spreads a fleet of clients that lost the same server,
/// so they do not all come back in the same instant.
public struct Backoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    public var multiplier: Double

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(10), multiplier: Double = 2) {
        precondition(initial > .zero && maximum >= initial && multiplier >= 1)
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// The ceiling for `attempt` (0-based): `initial × multiplier^attempt`, capped at `maximum`.
    public func ceiling(attempt: Int) -> Duration {
        var scaled = initial
        for _ in 0..<max(0, attempt) {
            scaled = scaled * multiplier
            if scaled >= maximum { return maximum }
        }
        return scaled
    }

    /// A random delay in `0...ceiling(attempt)`.
    public func delay<G: RandomNumberGenerator>(attempt: Int, using generator: inout G) -> Duration {
        let cap = ceiling(attempt: attempt)
        let fraction = Double.random(in: 0...1, using: &generator)
        return cap * fraction
    }

    public func delay(attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(attempt: attempt, using: &generator)
    }
}
