import Foundation
import Notifications
import Testing

@Suite("Delivery planning: preferences, quiet hours, digests")
struct DeliveryPlannerTests {
    /// 2026-12-04 22:30 UTC: 23:30 in Paris, 17:30 in New York.
    static let lateEvening = Date(timeIntervalSince1970: 1_796_423_400)

    static func person(timeZone: String = "Europe/Paris", quiet: QuietHours? = nil, preferences: [ChannelPreference] = [], phone: String? = nil) -> RecipientProfile {
        RecipientProfile(
            userID: "u1", displayName: "Léa", email: "lea@example.com", phone: phone, timeZone: timeZone, quietHours: quiet, digestHour: 8,
            preferences: preferences
        )
    }

    @Test("by default: in-app and email now, no SMS")
    func defaults() {
        let plan = DeliveryPlanner.plan(eventType: "report.ready", priority: .normal, for: Self.person(phone: "+33600000000"), now: Self.lateEvening)
        #expect(plan.timing(for: .inApp) == .now)
        #expect(plan.timing(for: .email) == .now)
        #expect(plan.timing(for: .sms) == nil)
    }

    @Test("quiet hours in the person's time zone hold email until they end, not the in-app inbox")
    func quietHours() throws {
        let quiet = try #require(QuietHours(start: 22 * 60, end: 7 * 60))
        let paris = DeliveryPlanner.plan(eventType: "report.ready", priority: .high, for: Self.person(quiet: quiet), now: Self.lateEvening)
        // 07:00 Paris on 5 December = 06:00 UTC.
        #expect(paris.timing(for: .email) == .deferred(until: Date(timeIntervalSince1970: 1_796_450_400)))
        #expect(paris.timing(for: .inApp) == .now)
        // Same instant, 17:30 in New York: outside the window.
        let newYork = DeliveryPlanner.plan(eventType: "report.ready", priority: .high, for: Self.person(timeZone: "America/New_York", quiet: quiet), now: Self.lateEvening)
        #expect(newYork.timing(for: .email) == .now)
    }

    @Test("low priority goes to the next digest at the person's digest hour")
    func digest() {
        let plan = DeliveryPlanner.plan(eventType: "photo.processed", priority: .low, for: Self.person(), now: Self.lateEvening)
        // 08:00 Paris on 5 December = 07:00 UTC.
        #expect(plan.timing(for: .email) == .digest(at: Date(timeIntervalSince1970: 1_796_454_000)))
        #expect(plan.timing(for: .inApp) == .now)
    }

    @Test("critical bypasses quiet hours and digests, reaches SMS, and always the inbox")
    func critical() throws {
        let quiet = try #require(QuietHours(start: 22 * 60, end: 7 * 60))
        let person = Self.person(quiet: quiet, preferences: [
            ChannelPreference(channel: .email, eventType: "*", mode: .digest),
            ChannelPreference(channel: .inApp, eventType: "*", mode: .off),
        ], phone: "+33600000000")
        let plan = DeliveryPlanner.plan(eventType: "alert.raised", priority: .critical, for: person, now: Self.lateEvening)
        #expect(plan.timing(for: .email) == .now)
        #expect(plan.timing(for: .sms) == .now)
        #expect(plan.timing(for: .inApp) == .now)
    }

    @Test("a choice for the event type beats the * choice; off is honoured")
    func preferences() {
        let person = Self.person(preferences: [
            ChannelPreference(channel: .email, eventType: "*", mode: .off),
            ChannelPreference(channel: .email, eventType: "report.ready", mode: .immediate),
            ChannelPreference(channel: .inApp, eventType: "geofence.exited", mode: .off),
        ])
        #expect(DeliveryPlanner.plan(eventType: "report.ready", priority: .normal, for: person, now: Self.lateEvening).timing(for: .email) == .now)
        #expect(DeliveryPlanner.plan(eventType: "geofence.exited", priority: .normal, for: person, now: Self.lateEvening).entries.isEmpty)
        // An explicit "immediate" for a low-priority type skips the digest.
        let eager = Self.person(preferences: [ChannelPreference(channel: .email, eventType: "photo.processed", mode: .immediate)])
        #expect(DeliveryPlanner.plan(eventType: "photo.processed", priority: .low, for: eager, now: Self.lateEvening).timing(for: .email) == .now)
    }

    @Test("a window that does not cross midnight; invalid windows are refused")
    func windows() throws {
        let lunch = try #require(QuietHours(start: 12 * 60, end: 14 * 60))
        #expect(lunch.contains(minuteOfDay: 13 * 60))
        #expect(!lunch.contains(minuteOfDay: 14 * 60))
        #expect(QuietHours(start: 600, end: 600) == nil)
        #expect(QuietHours(start: -1, end: 600) == nil)
        #expect(QuietHours.minutes("07:30") == 450)
        #expect(QuietHours.minutes("7:30") == nil)
    }
}
