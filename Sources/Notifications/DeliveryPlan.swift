#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// When one channel delivers a notification to one person.
public enum DeliveryTiming: Sendable, Equatable {
    case now
    /// Held back by quiet hours until they end.
    case deferred(until: Date)
    /// Batched into the digest sent at this time.
    case digest(at: Date)
}

/// What the planner decided for one person: one entry per channel that delivers.
public struct DeliveryPlan: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let channel: NotificationChannel
        public let timing: DeliveryTiming
    }

    public let entries: [Entry]

    public func timing(for channel: NotificationChannel) -> DeliveryTiming? {
        entries.first { $0.channel == channel }?.timing
    }
}
