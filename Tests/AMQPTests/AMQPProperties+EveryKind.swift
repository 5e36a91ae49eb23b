import AMQP

extension AMQPProperties {
    /// Every property set, and headers of every field type, nested tables and arrays included.
    static let everyKind = AMQPProperties(
        contentType: "application/json", contentEncoding: "identity",
        headers: [
            "x-tenant": "acme",
            "x-attempt": .int32(3),
            "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "flags": .array([.bool(true), .int8(-8), .uint8(200), .int16(-300), .uint16(60000), .void]),
            "numbers": .table([
                "long": .int64(-9_000_000_000), "uint": .uint32(4_000_000_000), "float": .float(1.5),
                "double": .double(-2.25), "decimal": .decimal(scale: 2, value: 12345),
            ]),
            "nested": .table(["deeper": .table(["when": .timestamp(1_700_000_000), "raw": .bytes([0, 1, 255])])]),
        ],
        deliveryMode: .persistent, priority: 5, correlationId: "job-42", replyTo: "replies",
        expiration: "60000", messageId: "m-1", timestamp: 1_700_000_123, type: "photo.watermark.v1",
        userId: "fieldops", appId: "amqp-tests"
    )
}
