import Foundation
import Notifications
import Postgres

/// A user's notification settings and channel choices in the tenant database.
public struct PreferenceStore: Sendable {
    public init() {}

    public func settings(user: UUID, on database: some QueryRunner) async throws -> NotificationSettings {
        var settings = NotificationSettings()
        let rows = try await database.query(
            "SELECT time_zone, quiet_start, quiet_end, digest_hour, phone FROM notification_settings WHERE user_id = \(user)"
        ).decode((String, Int?, Int?, Int, String?).self)
        if let row = rows.first {
            settings.timeZone = row.0
            if let start = row.1, let end = row.2 {
                settings.quietHours = .init(start: QuietHours.text(start), end: QuietHours.text(end))
            }
            settings.digestHour = row.3
            settings.phone = row.4
        }
        settings.preferences = try await database.query(
            "SELECT channel, event_type, mode FROM notification_preferences WHERE user_id = \(user) ORDER BY channel, event_type"
        ).decode((String, String, String).self).compactMap { channel, eventType, mode in
            guard let channel = NotificationChannel(rawValue: channel), let mode = DeliveryMode(rawValue: mode) else { return nil }
            return ChannelPreference(channel: channel, eventType: eventType, mode: mode)
        }
        return settings
    }

    /// Replaces the user's settings and every choice; `settings` must have been validated.
    public func replace(user: UUID, with settings: NotificationSettings, in transaction: PostgresConnection) async throws {
        let start = settings.quietHours.flatMap { QuietHours.minutes($0.start) }
        let end = settings.quietHours.flatMap { QuietHours.minutes($0.end) }
        try await transaction.query("""
            INSERT INTO notification_settings (user_id, time_zone, quiet_start, quiet_end, digest_hour, phone)
            VALUES (\(user), \(settings.timeZone), \(start), \(end), \(settings.digestHour), \(settings.phone))
            ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone, quiet_start = excluded.quiet_start,
                quiet_end = excluded.quiet_end, digest_hour = excluded.digest_hour, phone = excluded.phone, updated_at = now()
            """)
        try await transaction.query("DELETE FROM notification_preferences WHERE user_id = \(user)")
        for preference in settings.preferences {
            try await transaction.query("""
                INSERT INTO notification_preferences (user_id, channel, event_type, mode)
                VALUES (\(user), \(preference.channel.rawValue), \(preference.eventType), \(preference.mode.rawValue))
                """)
        }
    }
}
