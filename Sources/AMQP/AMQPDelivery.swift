/// A message handed to a consumer.
public struct AMQPDelivery: Sendable {
    public var body: [UInt8]
    /// Acknowledge with `AMQPConsumer.ack(deliveryTag:multiple:)`. It is only valid on the channel that
    /// delivered the message: after a reconnect, older tags are refused with `.staleDelivery`.
    public var deliveryTag: AMQPDeliveryTag
    public var redelivered: Bool
    public var exchange: String
    public var routingKey: String
    /// The properties as the broker sent them: read the fields needed from here.
    public var encodedProperties: AMQPEncodedProperties

    /// Every property, decoded anew on each access.
    public var properties: AMQPProperties { encodedProperties.decoded() }
}

/// The broker's delivery tag plus the consumer subscription it belongs to, so an ack can never
/// land on a different message that reuses the same number after a reconnect.
public struct AMQPDeliveryTag: Sendable, Hashable, Comparable {
    /// The number the broker assigned (1, 2, 3… per channel).
    public let value: UInt64
    let subscription: UInt64

    public static func < (lhs: AMQPDeliveryTag, rhs: AMQPDeliveryTag) -> Bool {
        (lhs.subscription, lhs.value) < (rhs.subscription, rhs.value)
    }
}
