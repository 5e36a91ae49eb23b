import Foundation
import Notifications
import Postgres

/// Reads who people are for notification purposes: address, language, time zone, quiet hours and
/// channel choices. Only active users are notified.
public struct RecipientDirectory: Sendable {
    public init() {}

    public func profiles(_ recipients: NotificationRequest.Recipients, on database: some QueryRunner) async throws -> [RecipientProfile] {
        let ids = recipients.users.compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty || recipients.managers else { return [] }
        let rows = try await database.query("""
            SELECT u.id, coalesce(u.display_name, u.email), u.locale, u.email, s.phone, coalesce(s.time_zone, 'Europe/Paris'),
                   s.quiet_start, s.quiet_end, coalesce(s.digest_hour, 8)
            FROM users u LEFT JOIN notification_settings s ON s.user_id = u.id
            WHERE u.status = 'active' AND (u.id = ANY(\(ids)) OR (\(recipients.managers) AND u.role IN ('manager', 'tenant_admin')))
            ORDER BY u.email
            """)
        var profiles = try rows.decode((UUID, String, String, String, String?, String, Int?, Int?, Int).self).map { row in
            RecipientProfile(
                userID: row.0.uuidString.lowercased(), displayName: row.1, locale: NotificationLocale(tag: row.2), email: row.3, phone: row.4,
                timeZone: row.5, quietHours: row.6.flatMap { start in row.7.flatMap { QuietHours(start: start, end: $0) } }, digestHour: row.8
            )
        }
        guard !profiles.isEmpty else { return [] }
        let found = profiles.compactMap { UUID(uuidString: $0.userID) }
        let choices = try await database.query(
            "SELECT user_id, channel, event_type, mode FROM notification_preferences WHERE user_id = ANY(\(found))"
        ).decode((UUID, String, String, String).self)
        for (user, channel, eventType, mode) in choices {
            guard let index = profiles.firstIndex(where: { $0.userID == user.uuidString.lowercased() }),
                  let channel = NotificationChannel(rawValue: channel), let mode = DeliveryMode(rawValue: mode)
            else { continue }
            profiles[index].preferences.append(ChannelPreference(channel: channel, eventType: eventType, mode: mode))
        }
        return profiles
    }
}
