#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decides, per person and channel, whether and when a notification goes out.
///
/// * The person's choice for (channel, event type), else for (channel, `*`), else the default:
///   in-app always; email immediately, or in the digest for low priority; SMS for critical only.
/// * Low priority on a channel left to its default goes to the digest.
/// * Quiet hours hold back email and SMS until they end; the in-app inbox is silent, so it is not held.
/// * Critical notifications bypass digests and quiet hours; they also always reach the inbox.
///   An explicit `off` for email or SMS is still honoured.
/// * A channel without an address (no email, no phone) is skipped.
public enum DeliveryPlanner {
    public static func plan(eventType: String, priority: NotificationPriority, for recipient: RecipientProfile, now: Date) -> DeliveryPlan {
        let calendar = Calendar.local(timeZone: recipient.timeZone)
        var entries: [DeliveryPlan.Entry] = []
        for channel in NotificationChannel.allCases {
            guard hasAddress(recipient, channel) else { continue }
            let chosen = recipient.chosenMode(channel: channel, eventType: eventType)
            var mode = chosen ?? defaultMode(channel, priority)
            if priority == .critical {
                if mode == .digest || channel == .inApp { mode = .immediate }
            }
            let timing: DeliveryTiming
            switch mode {
            case .off:
                continue
            case .digest:
                timing = .digest(at: nextDigest(after: now, hour: recipient.digestHour, calendar: calendar))
            case .immediate:
                if priority < .critical, channel != .inApp, let end = recipient.quietHours?.end(containing: now, calendar: calendar) {
                    timing = .deferred(until: end)
                } else {
                    timing = .now
                }
            }
            entries.append(.init(channel: channel, timing: timing))
        }
        return DeliveryPlan(entries: entries)
    }

    static func defaultMode(_ channel: NotificationChannel, _ priority: NotificationPriority) -> DeliveryMode {
        switch channel {
        case .inApp: .immediate
        case .email: priority == .low ? .digest : .immediate
        case .sms: priority == .critical ? .immediate : .off
        }
    }

    private static func hasAddress(_ recipient: RecipientProfile, _ channel: NotificationChannel) -> Bool {
        switch channel {
        case .inApp: true
        case .email: !(recipient.email ?? "").isEmpty
        case .sms: !(recipient.phone ?? "").isEmpty
        }
    }

    /// The next time the local clock shows `hour`:00 after `date`.
    static func nextDigest(after date: Date, hour: Int, calendar: Calendar) -> Date {
        calendar.nextDate(after: date, matching: DateComponents(hour: hour, minute: 0, second: 0), matchingPolicy: .nextTime)
            ?? date.addingTimeInterval(86_400)
    }
}
