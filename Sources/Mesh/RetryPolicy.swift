import FieldOpsCore

/// Decides what happens to a message whose handler failed: another attempt later, or the parking
/// queue. Pure: the attempt number and the kind of failure in, a decision out.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first delivery included.
    public var maxAttempts: Int
    public var backoff: Backoff
    public var tiers: [RetryTier]

    public init(maxAttempts: Int = 8, backoff: Backoff = Backoff(initial: .seconds(1), maximum: .seconds(3600), multiplier: 4), tiers: [RetryTier] = RetryTier.standard) {
        precondition(maxAttempts >= 1 && !tiers.isEmpty)
        self.maxAttempts = maxAttempts
        self.backoff = backoff
        self.tiers = tiers.sorted { $0.delay < $1.delay }
    }

    /// `attempt` is the 1-based number of the attempt that just failed.
    public func decision<G: RandomNumberGenerator>(afterFailedAttempt attempt: Int, failure: HandlerFailure, using generator: inout G) -> FailureDecision {
        switch failure {
        case .permanent(let reason):
            return .park(reason: reason)
        case .transient(let reason):
            guard attempt < maxAttempts else {
                return .park(reason: "gave up after \(attempt) attempts: \(reason)")
            }
            // The exponential ceiling picks the delay queue; the message's own expiration is drawn
            // in [½, 1] × that queue's delay, so retries of a burst spread out instead of all
            // landing back at once. A queue only expires its head, so a message may wait up to one
            // tier longer behind a later-expiring neighbour — bounded, and never shorter.
            let ceiling = backoff.ceiling(attempt: attempt - 1)
            let tier = tiers.first { $0.delay >= ceiling } ?? tiers.last!
            let fraction = Double.random(in: 0.5...1, using: &generator)
            return .retry(tier: tier, expiration: tier.delay * fraction, nextAttempt: attempt + 1)
        }
    }

    public func decision(afterFailedAttempt attempt: Int, failure: HandlerFailure) -> FailureDecision {
        var generator = SystemRandomNumberGenerator()
        return decision(afterFailedAttempt: attempt, failure: failure, using: &generator)
    }
}

/// How a handler failed: worth another try later, or never going to succeed.
public enum HandlerFailure: Sendable, Equatable {
    case transient(String)
    case permanent(String)
}

public enum FailureDecision: Sendable, Equatable {
    case retry(tier: RetryTier, expiration: Duration, nextAttempt: Int)
    case park(reason: String)
}
