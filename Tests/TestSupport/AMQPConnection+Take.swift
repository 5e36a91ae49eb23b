import AMQP

extension AMQPConnection {
    /// Takes the first `count` messages of `queue` off it (acknowledged), waiting for them to arrive;
    /// the calling suite's time limit bounds the wait.
    public func take(_ count: Int, from queue: String) async throws -> [AMQPDelivery] {
        let consumer = try await consume(queue: queue, prefetch: UInt16(count))
        var deliveries: [AMQPDelivery] = []
        for try await delivery in consumer {
            deliveries.append(delivery)
            try await consumer.ack(deliveryTag: delivery.deliveryTag)
            if deliveries.count == count { break }
        }
        try await consumer.close()
        return deliveries
    }
}
