import Foundation
import Notifications
import Postgres

/// The in-app inbox in the tenant database: stored, counted, marked read.
public struct InAppInbox: Sendable {
    public init() {}

    public func add(
        user: UUID, eventType: String, priority: NotificationPriority, title: String, body: String, on database: some QueryRunner
    ) async throws -> InAppNotification {
        let row = try await database.query("""
            INSERT INTO inbox_notifications (user_id, event_type, priority, title, body)
            VALUES (\(user), \(eventType), \(priority.rawValue), \(title), \(body)) RETURNING id, created_at
            """).decode((UUID, Date).self)[0]
        return InAppNotification(
            id: row.0, eventType: eventType, priority: priority.rawValue, title: title, body: body, createdAt: row.1, readAt: nil
        )
    }

    /// Newest first; `before` pages back by creation time.
    public func list(user: UUID, unreadOnly: Bool, limit: Int, before: Date?, on database: some QueryRunner) async throws -> [InAppNotification] {
        try await database.query("""
            SELECT id, event_type, priority, title, body, created_at, read_at FROM inbox_notifications
            WHERE user_id = \(user) AND (NOT \(unreadOnly) OR read_at IS NULL) AND (\(before)::timestamptz IS NULL OR created_at < \(before))
            ORDER BY created_at DESC, id LIMIT \(limit)
            """).decode((UUID, String, String, String, String, Date, Date?).self).map {
            InAppNotification(id: $0.0, eventType: $0.1, priority: $0.2, title: $0.3, body: $0.4, createdAt: $0.5, readAt: $0.6)
        }
    }

    public func unreadCount(user: UUID, on database: some QueryRunner) async throws -> Int {
        try await database.query(
            "SELECT count(*)::int8 FROM inbox_notifications WHERE user_id = \(user) AND read_at IS NULL"
        ).decode((Int).self)[0]
    }

    /// Marks the given entries (or all, when `ids` is nil) read; returns how many of the user's entries
    /// it covered, including those already read.
    @discardableResult
    public func markRead(user: UUID, ids: [UUID]?, on database: some QueryRunner) async throws -> Int {
        try await database.query("""
            UPDATE inbox_notifications SET read_at = coalesce(read_at, now())
            WHERE user_id = \(user) AND (\(ids == nil) OR id = ANY(\(ids ?? [])))
            """).affectedRows
    }
}
