import Foundation
import Redis

/// The Redis pub/sub channels that carry in-app notifications to the gateways, where each live
/// `GET /v1/notifications/stream` is fed. Pub/sub is at-most-once: the inbox table stays the record,
/// a client that reconnects lists what it missed.
public enum NotificationStream {
    public static let channelPrefix = "fieldops:notifications:"

    public static func channel(tenant: String, user: String) -> String {
        channelPrefix + tenant + ":" + user.lowercased()
    }

    /// Every tenant's and user's channel, for one pattern subscription per gateway.
    public static let pattern = channelPrefix + "*"

    public static func publish(_ notification: InAppNotification, tenant: String, user: String, redis: RedisPool) async throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try await redis.publish(Array(try encoder.encode(notification)), to: channel(tenant: tenant, user: user))
    }
}
