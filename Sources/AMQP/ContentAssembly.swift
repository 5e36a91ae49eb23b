import CRabbitMQ

/// A message arriving on one channel as method + header + body frames.
struct ContentAssembly {
    enum Origin {
        case delivery(tag: UInt64, redelivered: Bool, exchange: String, routingKey: String)
        case returned(replyCode: UInt16, replyText: String, exchange: String, routingKey: String)
    }

    let origin: Origin
    var encodedProperties: [UInt8] = []
    var expectedSize = 0
    var body: [UInt8] = []
    var headerSeen = false

    init(_ origin: Origin) { self.origin = origin }

    mutating func header(_ header: amqp_frame_t) {
        headerSeen = true
        expectedSize = Int(header.payload.properties.body_size)
        body.reserveCapacity(expectedSize)
        // rabbitmq-c decoded them into its frame pool too; copying the encoded bytes is cheaper than
        // copying that (see `AMQPEncodedProperties`).
        encodedProperties = CDecoding.byteArray(header.payload.properties.raw)
    }

    mutating func append(_ fragment: amqp_bytes_t) {
        guard let base = fragment.bytes, fragment.len > 0 else { return }
        body.append(contentsOf: UnsafeRawBufferPointer(start: base, count: fragment.len))
    }

    var isComplete: Bool { headerSeen && body.count >= expectedSize }
}
