/// What a person chose for one channel and event type.
public enum DeliveryMode: String, Codable, Sendable, CaseIterable {
    case immediate
    /// Batched into the next digest.
    case digest
    case off
}

/// One choice of a person: `eventType` may be `*` for every type without a choice of its own.
public struct ChannelPreference: Codable, Sendable, Hashable {
    public static let anyEventType = "*"

    public var channel: NotificationChannel
    public var eventType: String
    public var mode: DeliveryMode

    public init(channel: NotificationChannel, eventType: String, mode: DeliveryMode) {
        self.channel = channel
        self.eventType = eventType
        self.mode = mode
    }

    enum CodingKeys: String, CodingKey {
        case channel, eventType = "event_type", mode
    }
}
