import AMQP
import Testing

/// Single acks taken together by the client are written as one `multiple` ack where the protocol
/// allows it; whatever the order and mix of settles, the broker must end up with exactly what the
/// callers asked for, and a consumer's channel must never be closed by a tag the broker does not know.
extension AMQPClientTests {
    /// A consumer on `queue` holding `count` numbered deliveries, all unsettled, in delivery order.
    func holdDeliveries(_ connection: AMQPConnection, _ queue: String, count: Int) async throws -> (AMQPConsumer, [AMQPDelivery]) {
        try await publishNumbered(connection, queue, count: count)
        let consumer = try await connection.consume(queue: queue, prefetch: UInt16(count))
        var deliveries = consumer.makeAsyncIterator()
        let held = try await deliveries.take(count)
        try #require(held.map(\.body) == (1...count).map { [UInt8($0)] })
        return (consumer, held)
    }

    /// Acks each delivery from its own task, so that many acks reach the client at once, in any order.
    func acknowledgeConcurrently(_ consumer: AMQPConsumer, _ deliveries: [AMQPDelivery]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for delivery in deliveries.shuffled() {
                group.addTask { try await consumer.ack(deliveryTag: delivery.deliveryTag) }
            }
            try await group.waitForAll()
        }
    }

    /// The consumer still works: its channel was not closed by the broker for an unknown tag.
    func expectConsumerAlive(_ connection: AMQPConnection, _ queue: String, _ consumer: AMQPConsumer) async throws {
        try await connection.publish(exchange: "", routingKey: queue, body: Array("probe".utf8))
        var deliveries = consumer.makeAsyncIterator()
        let probe = try #require(try await deliveries.next())
        #expect(probe.body == Array("probe".utf8))
        try await consumer.ack(deliveryTag: probe.deliveryTag)
    }

    /// The code of the error `body` throws, nil when it succeeds.
    func errorCode(_ body: () async throws(AMQPError) -> Void) async -> AMQPError.Code? {
        do {
            try await body()
            return nil
        } catch {
            return error.code
        }
    }

    /// Closing requeues whatever the broker still holds unacknowledged: an empty queue afterwards
    /// means every settle reached the broker.
    func closeAndExpectEverythingSettled(_ connection: AMQPConnection, _ queue: String, _ consumer: AMQPConsumer) async throws {
        try await consumer.close()
        #expect(try await connection.inspectQueue(name: queue).messageCount == 0)
    }

    @Test func acksInShuffledOrderFromConcurrentTasksSettleEveryDelivery() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            let (consumer, held) = try await holdDeliveries(connection, queue, count: 100)
            try await acknowledgeConcurrently(consumer, held)
            try await expectConsumerAlive(connection, queue, consumer)
            try await closeAndExpectEverythingSettled(connection, queue, consumer)
        }
    }

    @Test func acksAboveAnUnsettledDeliveryAreKeptWhenItIsAckedLast() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            let (consumer, held) = try await holdDeliveries(connection, queue, count: 20)
            try await acknowledgeConcurrently(consumer, Array(held.dropFirst()))
            try await consumer.ack(deliveryTag: held[0].deliveryTag)
            try await expectConsumerAlive(connection, queue, consumer)
            try await closeAndExpectEverythingSettled(connection, queue, consumer)
        }
    }

    @Test func nackingTheDeliveryBelowAckedOnesRequeuesOnlyThatOne() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            let (consumer, held) = try await holdDeliveries(connection, queue, count: 20)
            try await acknowledgeConcurrently(consumer, Array(held.dropFirst()))
            try await consumer.nack(deliveryTag: held[0].deliveryTag, requeue: true)
            var deliveries = consumer.makeAsyncIterator()
            let again = try #require(try await deliveries.next())
            #expect(again.body == held[0].body)
            #expect(again.redelivered)
            try await consumer.ack(deliveryTag: again.deliveryTag)
            // Had any of the other nineteen come back, closing would have left it in the queue.
            try await closeAndExpectEverythingSettled(connection, queue, consumer)
        }
    }

    @Test func nacksRejectsAndMultipleAcksMixWithConcurrentSingleAcks() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            let (consumer, held) = try await holdDeliveries(connection, queue, count: 12)
            async let singles: Void = acknowledgeConcurrently(consumer, [held[2], held[4], held[5]])
            async let rejected: Void = consumer.reject(deliveryTag: held[1].deliveryTag, requeue: true)
            try await singles
            try await rejected
            // Settles 1, 4 and 7: 2 was rejected, 3, 5 and 6 acked.
            try await consumer.ack(deliveryTag: held[6].deliveryTag, multiple: true)
            try await acknowledgeConcurrently(consumer, [held[8], held[10]])
            // Requeues 8, 10 and 12 (9 and 11 were acked); 2 came back meanwhile with a higher tag.
            try await consumer.nack(deliveryTag: held[11].deliveryTag, multiple: true, requeue: true)

            var deliveries = consumer.makeAsyncIterator()
            let returned = try await deliveries.take(4)
            #expect(Set(returned.map(\.body)) == [[2], [8], [10], [12]])
            #expect(returned.allSatisfy { $0.redelivered })
            let last = try #require(returned.max { $0.deliveryTag < $1.deliveryTag })
            try await consumer.ack(deliveryTag: last.deliveryTag, multiple: true)
            try await expectConsumerAlive(connection, queue, consumer)
            try await closeAndExpectEverythingSettled(connection, queue, consumer)
        }
    }

    @Test func settlingADeliveryTwiceIsRefusedAndKeepsTheChannelOpen() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            let (consumer, held) = try await holdDeliveries(connection, queue, count: 3)
            try await consumer.ack(deliveryTag: held[0].deliveryTag)
            try await expectAMQPError(.invalidArgument) { try await consumer.ack(deliveryTag: held[0].deliveryTag) }
            try await expectAMQPError(.invalidArgument) { try await consumer.nack(deliveryTag: held[0].deliveryTag, requeue: true) }
            try await expectAMQPError(.invalidArgument) { try await consumer.ack(deliveryTag: held[0].deliveryTag, multiple: true) }

            // Two acks of one delivery at once: exactly one is written, the other refused.
            async let first = errorCode { () async throws(AMQPError) in try await consumer.ack(deliveryTag: held[1].deliveryTag) }
            async let second = errorCode { () async throws(AMQPError) in try await consumer.ack(deliveryTag: held[1].deliveryTag) }
            let codes = await [first, second]
            #expect(codes.count { $0 == nil } == 1)
            #expect(codes.contains(.invalidArgument))

            try await consumer.reject(deliveryTag: held[2].deliveryTag, requeue: false)
            try await expectAMQPError(.invalidArgument) { try await consumer.ack(deliveryTag: held[2].deliveryTag) }
            try await expectConsumerAlive(connection, queue, consumer)
            try await closeAndExpectEverythingSettled(connection, queue, consumer)
        }
    }
}
