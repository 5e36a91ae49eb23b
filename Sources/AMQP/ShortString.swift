/// AMQP short strings (names, routing keys, most properties) hold at most 255 bytes; longer ones are
/// refused before they reach the wire, where they would break the connection.
enum ShortString {
    static let maximumLength = 255

    static func check(_ value: String) throws(AMQPError) {
        guard value.utf8.count <= maximumLength else {
            throw AMQPError(.invalidArgument, "'\(value.prefix(40))…' is \(value.utf8.count) bytes; AMQP allows \(maximumLength)")
        }
    }

    static func check(_ message: AMQPOutgoingMessage) throws(AMQPError) {
        try check(message.exchange)
        try check(message.routingKey)
        let properties = message.properties
        for value in [
            properties.contentType, properties.contentEncoding, properties.correlationId, properties.replyTo,
            properties.expiration, properties.messageId, properties.type, properties.userId, properties.appId,
        ] {
            if let value { try check(value) }
        }
    }
}
