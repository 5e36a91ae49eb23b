/// The basic-class properties of a message. `nil` fields are not sent.
public struct AMQPProperties: Sendable, Hashable {
    public enum DeliveryMode: UInt8, Sendable {
        case transient = 1
        /// Written to disk by the broker (and required for quorum queues to survive restarts).
        case persistent = 2
    }

    public var contentType: String?
    public var contentEncoding: String?
    public var headers: AMQPFieldTable?
    public var deliveryMode: DeliveryMode?
    public var priority: UInt8?
    public var correlationId: String?
    public var replyTo: String?
    /// Per-message TTL in milliseconds, written as a decimal string as the protocol requires.
    public var expiration: String?
    public var messageId: String?
    /// Seconds since the Unix epoch.
    public var timestamp: UInt64?
    public var type: String?
    public var userId: String?
    public var appId: String?

    public init(
        contentType: String? = nil, contentEncoding: String? = nil, headers: AMQPFieldTable? = nil,
        deliveryMode: DeliveryMode? = nil, priority: UInt8? = nil, correlationId: String? = nil,
        replyTo: String? = nil, expiration: String? = nil, messageId: String? = nil, timestamp: UInt64? = nil,
        type: String? = nil, userId: String? = nil, appId: String? = nil
    ) {
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.headers = headers
        self.deliveryMode = deliveryMode
        self.priority = priority
        self.correlationId = correlationId
        self.replyTo = replyTo
        self.expiration = expiration
        self.messageId = messageId
        self.timestamp = timestamp
        self.type = type
        self.userId = userId
        self.appId = appId
    }

    /// Only `delivery_mode = 2`: the common case of a durable message.
    public static let persistent = AMQPProperties(deliveryMode: .persistent)
}
