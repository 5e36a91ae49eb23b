import Foundation

/// A tenant's webhook subscription as the API shows it; the secret is shown once, at creation.
public struct WebhookEndpoint: Codable, Sendable, Equatable {
    public var id: UUID
    public var url: String
    public var description: String
    public var eventTypes: [String]
    public var enabled: Bool
    public var consecutiveFailures: Int
    public var disabledReason: String?
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, url, description, eventTypes = "event_types", enabled, consecutiveFailures = "consecutive_failures"
        case disabledReason = "disabled_reason", createdAt = "created_at"
    }
}

/// One delivery of the log, with its attempts.
public struct WebhookDeliveryRecord: Codable, Sendable, Equatable {
    public struct Attempt: Codable, Sendable, Equatable {
        public var attempt: Int
        public var attemptedAt: Date
        public var statusCode: Int?
        public var error: String?
        public var durationMilliseconds: Int

        enum CodingKeys: String, CodingKey {
            case attempt, attemptedAt = "attempted_at", statusCode = "status_code", error, durationMilliseconds = "duration_ms"
        }
    }

    public var id: UUID
    public var eventType: String
    public var status: String
    public var attempts: [Attempt]
    public var nextAttemptAt: Date?
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, eventType = "event_type", status, attempts, nextAttemptAt = "next_attempt_at", createdAt = "created_at"
    }
}
