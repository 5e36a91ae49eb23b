import Foundation

/// One entry of a user's in-app inbox, as the API lists it and the live stream pushes it.
public struct InAppNotification: Codable, Sendable, Equatable {
    public var id: UUID
    public var eventType: String
    public var priority: String
    public var title: String
    public var body: String
    public var createdAt: Date
    public var readAt: Date?

    public init(id: UUID, eventType: String, priority: String, title: String, body: String, createdAt: Date, readAt: Date?) {
        self.id = id
        self.eventType = eventType
        self.priority = priority
        self.title = title
        self.body = body
        self.createdAt = createdAt
        self.readAt = readAt
    }

    enum CodingKeys: String, CodingKey {
        case id, eventType = "event_type", priority, title, body, createdAt = "created_at", readAt = "read_at"
    }
}
