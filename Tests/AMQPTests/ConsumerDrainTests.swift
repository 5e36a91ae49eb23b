import AMQP
import TestSupport
import Testing

/// The two-step stop of a consumer: `cancel()` ends the sequence and requeues what was not yielded while
/// yielded deliveries stay settleable; `close()` then closes the channel. Part of the serialized client
/// suite, whose queue and consumer counts must not be disturbed.
extension AMQPClientTests {
    func publishNumbered(_ connection: AMQPConnection, _ queue: String, count: Int) async throws {
        try await connection.publishBatch((1...count).map {
            AMQPOutgoingMessage(exchange: "", routingKey: queue, body: [UInt8($0)], properties: .persistent)
        })
    }

    /// Takes `count` deliveries with a fresh consumer, acknowledges them and closes it (anything beyond
    /// `count` it received goes back to the queue).
    func takeAndAcknowledge(_ connection: AMQPConnection, _ queue: String, count: Int) async throws -> [AMQPDelivery] {
        let consumer = try await connection.consume(queue: queue, prefetch: 10)
        var deliveries = consumer.makeAsyncIterator()
        let taken = try await deliveries.take(count)
        if let last = taken.last { try await consumer.ack(deliveryTag: last.deliveryTag, multiple: true) }
        try await consumer.close()
        return taken
    }

    @Test func cancelEndsTheSequenceRequeuesWhatWasNotYieldedAndKeepsYieldedDeliveriesSettleable() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            try await publishNumbered(connection, queue, count: 10)
            let consumer = try await connection.consume(queue: queue, prefetch: 10)
            var deliveries = consumer.makeAsyncIterator()
            let taken = try await deliveries.take(3)
            try #require(taken.count == 3)
            // All ten are out with the consumer: seven wait in the client, unyielded.
            try await eventually { try await connection.inspectQueue(name: queue).messageCount == 0 }

            try await consumer.cancel()
            for delivery in taken { try await consumer.ack(deliveryTag: delivery.deliveryTag) }
            #expect(try await deliveries.next() == nil)
            try await eventually { try await connection.inspectQueue(name: queue).messageCount == 7 }
            #expect(try await connection.inspectQueue(name: queue).consumerCount == 0)

            let rest = try await takeAndAcknowledge(connection, queue, count: 7)
            #expect(Set(rest.map(\.body)) == Set((1...10).map { [UInt8($0)] }).subtracting(taken.map(\.body)))
            try await consumer.close()
            // Exactly those seven were back: nothing is left, and the three acked after the cancel stayed acked.
            #expect(try await connection.inspectQueue(name: queue).messageCount == 0)
        }
    }

    @Test func batchesTakeWhatIsBufferedInOrderUpToTheirLimitAndCountAsYielded() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            try await publishNumbered(connection, queue, count: 10)
            let consumer = try await connection.consume(queue: queue, prefetch: 10)
            var deliveries = consumer.makeAsyncIterator()
            // All ten wait in the client: each batch takes what is there, up to its limit.
            try await eventually { try await connection.inspectQueue(name: queue).messageCount == 0 }
            let first = try #require(try await deliveries.next(upTo: 4))
            let second = try #require(try await deliveries.next(upTo: 4))
            #expect(first.map(\.body) == (1...4).map { [UInt8($0)] })
            #expect(second.map(\.body) == (5...8).map { [UInt8($0)] })

            // Taken in a batch is yielded: a cancel requeues only the two never taken.
            try await consumer.cancel()
            try await consumer.ack(deliveryTag: second[second.count - 1].deliveryTag, multiple: true)
            #expect(try await deliveries.next(upTo: 4) == nil)
            try await eventually { try await connection.inspectQueue(name: queue).messageCount == 2 }
            let rest = try await takeAndAcknowledge(connection, queue, count: 2)
            #expect(Set(rest.map(\.body)) == [[9], [10]])
            try await consumer.close()
        }
    }

    @Test func cancelDuringAStreamOfDeliveriesRequeuesEverythingNotYielded() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            let count = 500
            try await connection.publishBatch([AMQPOutgoingMessage](
                repeating: AMQPOutgoingMessage(exchange: "", routingKey: queue, body: [UInt8](repeating: 1, count: 2048)),
                count: count
            ))
            // Cancelled right after the first delivery: most of the others are still on the wire.
            let consumer = try await connection.consume(queue: queue, prefetch: UInt16(count))
            var deliveries = consumer.makeAsyncIterator()
            let first = try #require(try await deliveries.next())
            try await connection.cancel(consumerTag: consumer.consumerTag)
            #expect(try await deliveries.next() == nil)
            try await consumer.ack(deliveryTag: first.deliveryTag)
            try await eventually { try await connection.inspectQueue(name: queue).messageCount == UInt32(count - 1) }
            try await connection.closeConsumer(consumerTag: consumer.consumerTag)
        }
    }

    @Test func closeRequeuesYieldedButUnsettledDeliveriesAndRefusesTheirAcks() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            try await publishNumbered(connection, queue, count: 2)
            let consumer = try await connection.consume(queue: queue, prefetch: 10)
            var deliveries = consumer.makeAsyncIterator()
            let taken = try await deliveries.take(2)
            try #require(taken.count == 2)
            try await consumer.ack(deliveryTag: taken[0].deliveryTag)
            try await consumer.cancel()
            try await consumer.close()
            try await expectAMQPError(.consumerCancelled) { try await consumer.ack(deliveryTag: taken[1].deliveryTag) }

            let again = try await takeAndAcknowledge(connection, queue, count: 1)
            #expect(again.map(\.body) == [taken[1].body])
            #expect(again.map(\.redelivered) == [true])
            #expect(try await connection.inspectQueue(name: queue).messageCount == 0)
        }
    }

    @Test func closeWithoutCancelEndsTheSequence() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            try await publishNumbered(connection, queue, count: 3)
            let consumer = try await connection.consume(queue: queue, prefetch: 10)
            var deliveries = consumer.makeAsyncIterator()
            try #require(try await deliveries.next() != nil)
            try await eventually { try await connection.inspectQueue(name: queue).messageCount == 0 }
            try await consumer.close()
            #expect(try await deliveries.next() == nil)
            try await eventually { try await connection.inspectQueue(name: queue).messageCount == 3 }
            #expect(try await connection.inspectQueue(name: queue).consumerCount == 0)
        }
    }

    @Test func cancelAndCloseAreIdempotentThroughBothEntryPoints() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            let consumer = try await connection.consume(queue: queue, prefetch: 1)
            try await consumer.cancel()
            try await connection.cancel(consumerTag: consumer.consumerTag)
            try await consumer.close()
            try await connection.closeConsumer(consumerTag: consumer.consumerTag)
            try await consumer.cancel()
            var deliveries = consumer.makeAsyncIterator()
            #expect(try await deliveries.next() == nil)

            // The tag is free again, and the connection still consumes.
            let again = try await connection.consume(queue: queue, prefetch: 1, consumerTag: consumer.consumerTag)
            try await connection.publish(exchange: "", routingKey: queue, body: [1])
            var againDeliveries = again.makeAsyncIterator()
            let delivery = try #require(try await againDeliveries.next())
            try await again.ack(deliveryTag: delivery.deliveryTag)
            try await again.close()
            try await again.close()
        }
    }
}
