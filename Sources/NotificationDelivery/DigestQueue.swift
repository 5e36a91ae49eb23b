import Foundation
import Notifications
import Postgres

/// Low-priority notifications waiting for a user's digest, rendered in the user's language.
public struct DigestQueue: Sendable {
    public struct Batch: Sendable {
        public let user: UUID
        public let channel: NotificationChannel
        public let items: [RenderedNotification]
    }

    public init() {}

    public func add(
        user: UUID, channel: NotificationChannel, eventType: String, rendered: RenderedNotification, dueAt: Date, on database: some QueryRunner
    ) async throws {
        try await database.query("""
            INSERT INTO notification_digest_items (user_id, channel, event_type, subject, text_body, due_at)
            VALUES (\(user), \(channel.rawValue), \(eventType), \(rendered.subject), \(rendered.text), \(dueAt))
            """)
    }

    /// Removes and returns what is due, one batch per user and channel, oldest item first. Run it in
    /// the transaction that enqueues the digests, so a batch is sent once or not removed.
    public func takeDue(now: Date, in transaction: PostgresConnection) async throws -> [Batch] {
        let rows = try await transaction.query("""
            WITH due AS (
                DELETE FROM notification_digest_items WHERE id IN (
                    SELECT id FROM notification_digest_items WHERE due_at <= \(now) FOR UPDATE SKIP LOCKED)
                RETURNING user_id, channel, subject, text_body, created_at, id)
            SELECT user_id, channel, subject, text_body FROM due ORDER BY user_id, channel, created_at, id
            """).decode((UUID, String, String, String).self)
        var batches: [Batch] = []
        for (user, channelText, subject, text) in rows {
            guard let channel = NotificationChannel(rawValue: channelText) else { continue }
            let item = RenderedNotification(subject: subject, text: text, html: "")
            if let last = batches.last, last.user == user, last.channel == channel {
                batches[batches.count - 1] = Batch(user: user, channel: channel, items: last.items + [item])
            } else {
                batches.append(Batch(user: user, channel: channel, items: [item]))
            }
        }
        return batches
    }
}
