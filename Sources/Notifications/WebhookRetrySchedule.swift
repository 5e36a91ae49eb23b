import Foundation

/// When a failed webhook delivery is tried again, and when an endpoint is given up on.
///
/// Delays grow geometrically from `firstDelay` up to `maximumDelay`; a delivery whose next try
/// would fall more than `window` after its first attempt is abandoned. An endpoint that failed
/// `disableAfterConsecutiveFailures` deliveries in a row (no success between) is disabled.
public struct WebhookRetrySchedule: Sendable, Equatable {
    public var firstDelay: Duration
    public var multiplier: Double
    public var maximumDelay: Duration
    public var window: Duration
    public var disableAfterConsecutiveFailures: Int

    public init(
        firstDelay: Duration = .seconds(30), multiplier: Double = 4, maximumDelay: Duration = .seconds(6 * 3600),
        window: Duration = .seconds(24 * 3600), disableAfterConsecutiveFailures: Int = 20
    ) {
        self.firstDelay = firstDelay
        self.multiplier = multiplier
        self.maximumDelay = maximumDelay
        self.window = window
        self.disableAfterConsecutiveFailures = disableAfterConsecutiveFailures
    }

    /// The delay after failed attempt `attempt` (1-based).
    public func delay(afterAttempt attempt: Int) -> Duration {
        let first = firstDelay.seconds
        let grown = first * Foundation.pow(multiplier, Double(max(0, attempt - 1)))
        return .milliseconds(Int64(min(grown, maximumDelay.seconds) * 1000))
    }

    /// The time of the next attempt, or nil when the delivery is to be abandoned.
    public func nextAttempt(afterAttempt attempt: Int, firstAttemptAt: Date, failedAt: Date) -> Date? {
        let next = failedAt.addingTimeInterval(delay(afterAttempt: attempt).seconds)
        return next.timeIntervalSince(firstAttemptAt) <= window.seconds ? next : nil
    }

    public func disables(afterConsecutiveFailures failures: Int) -> Bool {
        failures >= disableAfterConsecutiveFailures
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
