import AMQP
import Testing

/// Against the real broker; serialized so channel and queue counts are not disturbed by siblings.
@Suite("AMQP client", .serialized, .timeLimit(.minutes(2)))
struct AMQPClientTests {
    /// A queue with a unique name, deleted after `body` even when it fails.
    func withQueue(
        _ connection: AMQPConnection, arguments: AMQPFieldTable = [:], _ body: (String) async throws -> Void
    ) async throws {
        let queue = TestBroker.uniqueName("queue")
        try await connection.declareQueue(name: queue, durable: true, arguments: arguments)
        do {
            try await body(queue)
        } catch {
            _ = try? await connection.deleteQueue(name: queue)
            throw error
        }
        try await connection.deleteQueue(name: queue)
    }

    @Test func confirmedPublishRoundTripsBodyPropertiesAndNestedHeaders() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            let properties = AMQPProperties.everyKind
            let body = Array("{\"hello\":\"world\"}".utf8)
            try await connection.publish(exchange: "", routingKey: queue, body: body, properties: properties)
            #expect(try await connection.inspectQueue(name: queue).messageCount == 1)

            let consumer = try await connection.consume(queue: queue, prefetch: 10)
            var deliveries = consumer.makeAsyncIterator()
            let delivery = try #require(try await deliveries.take(1).first)
            #expect(delivery.body == body)
            #expect(delivery.properties == properties)
            #expect(delivery.routingKey == queue)
            #expect(delivery.exchange == "")
            #expect(!delivery.redelivered)
            try await consumer.ack(deliveryTag: delivery.deliveryTag)
            try await consumer.cancel()
            // Acked, so cancelling did not put it back.
            #expect(try await connection.inspectQueue(name: queue).messageCount == 0)
        }
    }

    @Test func bodiesLargerThanOneFrameArriveWhole() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            let body = (0..<700_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try await connection.publish(exchange: "", routingKey: queue, body: body, properties: .persistent)
            let consumer = try await connection.consume(queue: queue, prefetch: 1)
            var deliveries = consumer.makeAsyncIterator()
            let delivery = try #require(try await deliveries.take(1).first)
            #expect(delivery.body == body)
            try await consumer.ack(deliveryTag: delivery.deliveryTag)
            try await consumer.cancel()
        }
    }

    @Test func unacknowledgedMessagesAreRedeliveredAfterTheConsumerChannelCloses() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            try await connection.publishBatch((1...3).map {
                AMQPOutgoingMessage(exchange: "", routingKey: queue, body: [UInt8($0)], properties: .persistent)
            })
            let first = try await connection.consume(queue: queue, prefetch: 10)
            var firstDeliveries = first.makeAsyncIterator()
            let unacked = try await firstDeliveries.take(3)
            #expect(unacked.map(\.redelivered) == [false, false, false])
            try await first.close()
            #expect(try await firstDeliveries.next() == nil)

            let second = try await connection.consume(queue: queue, prefetch: 10)
            var secondDeliveries = second.makeAsyncIterator()
            let again = try await secondDeliveries.take(3)
            #expect(again.map(\.body) == [[1], [2], [3]])
            #expect(again.allSatisfy { $0.redelivered })
            try await second.ack(deliveryTag: again[2].deliveryTag, multiple: true)
            // A tag of the closed consumer is refused, not sent to the wrong channel.
            try await expectAMQPError(.consumerCancelled) { try await first.ack(deliveryTag: unacked[0].deliveryTag) }
            try await second.cancel()
        }
    }

    @Test func nackAndRejectWithoutRequeueDeadLetter() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        let deadExchange = TestBroker.uniqueName("dlx")
        try await connection.declareExchange(name: deadExchange, type: .fanout, durable: false, autoDelete: true)
        try await withQueue(connection) { deadQueue in
            try await connection.bindQueue(queue: deadQueue, exchange: deadExchange, routingKey: "")
            try await withQueue(connection, arguments: ["x-dead-letter-exchange": .string(deadExchange)]) { queue in
                try await connection.publishBatch([
                    AMQPOutgoingMessage(exchange: "", routingKey: queue, body: Array("nacked".utf8)),
                    AMQPOutgoingMessage(exchange: "", routingKey: queue, body: Array("rejected".utf8)),
                ])
                let consumer = try await connection.consume(queue: queue, prefetch: 10)
                var deliveries = consumer.makeAsyncIterator()
                let received = try await deliveries.take(2)
                try #require(received.count == 2)
                try await consumer.nack(deliveryTag: received[0].deliveryTag, requeue: false)
                try await consumer.reject(deliveryTag: received[1].deliveryTag, requeue: false)

                let dead = try await connection.consume(queue: deadQueue, prefetch: 10)
                var deadDeliveries = dead.makeAsyncIterator()
                let parked = try await deadDeliveries.take(2)
                #expect(Set(parked.map { String(decoding: $0.body, as: UTF8.self) }) == ["nacked", "rejected"])
                for message in parked {
                    guard case .array(let deaths)? = message.properties.headers?["x-death"],
                          case .table(let death)? = deaths.first
                    else {
                        Issue.record("no x-death header in \(message.properties)")
                        continue
                    }
                    #expect(death["reason"] == .string("rejected"))
                    #expect(death["queue"] == .string(queue))
                }
                try await dead.ack(deliveryTag: parked[1].deliveryTag, multiple: true)
                try await dead.cancel()
                try await consumer.cancel()
            }
        }
        try await connection.deleteExchange(name: deadExchange)
    }

    @Test func mandatoryPublishWithoutARouteFailsAndOnlyThatOne() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            let body = Array("lost".utf8)
            async let routed: Void = connection.publish(exchange: "", routingKey: queue, body: body, mandatory: true)
            try await expectAMQPError(.unroutable, replyCode: 312) {
                try await connection.publish(
                    exchange: "amq.direct", routingKey: TestBroker.uniqueName("nowhere"), body: body, mandatory: true
                )
            }
            try await routed
            #expect(try await connection.inspectQueue(name: queue).messageCount == 1)
        }
    }

    @Test func publishingToAMissingExchangeFailsAndTheNextPublishWorks() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            try await expectAMQPError(.channelClosed, replyCode: 404) {
                try await connection.publish(exchange: TestBroker.uniqueName("missing"), routingKey: "x", body: [1])
            }
            try await connection.publish(exchange: "", routingKey: queue, body: [2])
            #expect(try await connection.inspectQueue(name: queue).messageCount == 1)
        }
    }

    @Test func aRefusedDeclarationReportsTheBrokerReplyAndLeavesTheConnectionUsable() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            try await expectAMQPError(.channelClosed, replyCode: 406) {
                try await connection.declareQueue(name: queue, durable: false)
            }
            try await expectAMQPError(.channelClosed, replyCode: 404) {
                _ = try await connection.inspectQueue(name: TestBroker.uniqueName("absent"))
            }
            #expect(try await connection.inspectQueue(name: queue).messageCount == 0)
        }
    }

    @Test func exchangeToExchangeBindingsRoute() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        let source = TestBroker.uniqueName("source")
        let destination = TestBroker.uniqueName("destination")
        try await connection.declareExchange(name: source, type: .topic, durable: false)
        try await connection.declareExchange(name: destination, type: .direct, durable: false)
        try await withQueue(connection) { queue in
            try await connection.bindExchange(destination: destination, source: source, routingKey: "jobs.#")
            try await connection.bindQueue(queue: queue, exchange: destination, routingKey: "jobs.photo")
            try await connection.publish(exchange: source, routingKey: "jobs.photo", body: [1], mandatory: true)
            try await connection.unbindExchange(destination: destination, source: source, routingKey: "jobs.#")
            try await expectAMQPError(.unroutable) {
                try await connection.publish(exchange: source, routingKey: "jobs.photo", body: [2], mandatory: true)
            }
            #expect(try await connection.purgeQueue(name: queue) == 1)
        }
        try await connection.deleteExchange(name: source)
        try await connection.deleteExchange(name: destination)
    }

    @Test func nackMultipleRequeuesEverythingUpToTheTag() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            try await connection.publishBatch((1...5).map { AMQPOutgoingMessage(exchange: "", routingKey: queue, body: [UInt8($0)]) })
            let consumer = try await connection.consume(queue: queue, prefetch: 10)
            var deliveries = consumer.makeAsyncIterator()
            let firstRound = try await deliveries.take(5)
            try #require(firstRound.count == 5)
            try await consumer.nack(deliveryTag: firstRound[3].deliveryTag, multiple: true, requeue: true)
            let secondRound = try await deliveries.take(4)
            #expect(secondRound.allSatisfy { $0.redelivered })
            #expect(Set(secondRound.map(\.body)) == [[1], [2], [3], [4]])
            try await consumer.ack(deliveryTag: firstRound[4].deliveryTag)
            try await consumer.ack(deliveryTag: secondRound[3].deliveryTag, multiple: true)
            try await consumer.cancel()
            #expect(try await connection.inspectQueue(name: queue).messageCount == 0)
        }
    }

    @Test func cancelEndsTheSequence() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            let consumer = try await connection.consume(queue: queue, prefetch: 1)
            let iteration = Task {
                var count = 0
                for try await _ in consumer { count += 1 }
                return count
            }
            try await connection.cancel(consumerTag: consumer.consumerTag)
            #expect(try await iteration.value == 0)
        }
    }

    @Test func deletingTheQueueEndsItsConsumerWithAnError() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        let queue = TestBroker.uniqueName("queue")
        try await connection.declareQueue(name: queue, durable: false)
        let consumer = try await connection.consume(queue: queue, prefetch: 1)
        try await connection.deleteQueue(name: queue)
        var deliveries = consumer.makeAsyncIterator()
        try await expectAMQPError(.consumerCancelled) { _ = try await deliveries.next() }
    }

    @Test func prefetchCapsUnacknowledgedDeliveries() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        try await withQueue(connection) { queue in
            try await connection.publishBatch((1...10).map { AMQPOutgoingMessage(exchange: "", routingKey: queue, body: [UInt8($0)]) })
            let consumer = try await connection.consume(queue: queue, prefetch: 3)
            var deliveries = consumer.makeAsyncIterator()
            let received = try await deliveries.take(3)
            #expect(received.count == 3)
            // Exactly three are out with the consumer; the other seven wait in the queue.
            let info = try await connection.inspectQueue(name: queue)
            #expect(info.messageCount == 7)
            #expect(info.consumerCount == 1)
            try await consumer.cancel()
        }
    }

    @Test func closeEndsConsumersAndRefusesLaterCalls() async throws {
        let connection = try await TestBroker.connect()
        let queue = TestBroker.uniqueName("queue")
        try await connection.declareQueue(name: queue, durable: false, exclusive: true)
        let consumer = try await connection.consume(queue: queue, prefetch: 1)
        await connection.close()
        #expect(connection.state == .closed)
        var deliveries = consumer.makeAsyncIterator()
        #expect(try await deliveries.next() == nil)
        try await expectAMQPError(.clientClosed) { try await connection.publish(exchange: "", routingKey: queue, body: [1]) }
    }

    @Test func aWrongPasswordIsALoginFailure() async throws {
        var configuration = try TestBroker.configuration()
        configuration.password = "not-the-password"
        try await expectAMQPError(.loginFailed) {
            _ = try await AMQPConnection.connect(configuration: configuration, logger: TestBroker.logger)
        }
    }

    @Test func anUnknownVirtualHostIsALoginFailure() async throws {
        var configuration = try TestBroker.configuration()
        configuration.virtualHost = TestBroker.uniqueName("vhost")
        try await expectAMQPError(.loginFailed, replyCode: 530) {
            _ = try await AMQPConnection.connect(configuration: configuration, logger: TestBroker.logger)
        }
    }

    @Test func aClosedPortIsAConnectionFailure() async throws {
        var configuration = try TestBroker.configuration()
        configuration.port = 1
        try await expectAMQPError(.connectionFailed) {
            _ = try await AMQPConnection.connect(configuration: configuration, logger: TestBroker.logger)
        }
    }
}
