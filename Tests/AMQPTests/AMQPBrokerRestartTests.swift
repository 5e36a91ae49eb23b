import AMQP
import TestSupport
import Testing

/// Restarts the shared broker, so it runs in a pass of its own after every other test
/// (scripts/test.sh runs `*BrokerRestart*` suites separately).
@Suite("AMQP broker restart", .serialized, .timeLimit(.minutes(2)))
struct AMQPBrokerRestartTests {
    @Test func reconnectsAfterABrokerRestartAndResumesPublishingAndConsuming() async throws {
        let connection = try await TestBroker.connect()
        defer { Task { await connection.close() } }
        let queue = TestBroker.uniqueName("queue")
        try await connection.declareQueue(name: queue, durable: true, arguments: ["x-queue-type": "quorum"])
        let consumer = try await connection.consume(queue: queue, prefetch: 10)
        var deliveries = consumer.makeAsyncIterator()
        try await connection.publish(exchange: "", routingKey: queue, body: Array("before".utf8), properties: .persistent)
        let before = try #require(try await deliveries.take(1).first)

        // An exclusive queue dies with its connection: routing to it afterwards shows the client
        // declared and bound it again.
        let ephemeral = TestBroker.uniqueName("exclusive")
        try await connection.declareQueue(name: ephemeral, durable: false, exclusive: true)
        try await connection.bindQueue(queue: ephemeral, exchange: "amq.topic", routingKey: ephemeral)

        // Publishes in flight when the broker goes away fail with .connectionClosed; none hangs.
        let flood = TestBroker.uniqueName("flood")
        try await connection.declareQueue(name: flood, durable: true, arguments: ["x-max-length": 1000])
        let floodMessages = [AMQPOutgoingMessage](
            repeating: AMQPOutgoingMessage(exchange: "", routingKey: flood, body: [UInt8](repeating: 7, count: 100)), count: 200
        )
        let publisher = Task {
            while true {
                do throws(AMQPError) {
                    try await connection.publishBatch(floodMessages)
                } catch {
                    return error.code
                }
            }
        }

        // A cancelled consumer keeps its channel to settle what it yielded, but is not subscribed again.
        let drained = TestBroker.uniqueName("drained")
        try await connection.declareQueue(name: drained, durable: true)
        try await connection.publish(exchange: "", routingKey: drained, body: [9], properties: .persistent)
        let cancelled = try await connection.consume(queue: drained, prefetch: 10)
        var cancelledDeliveries = cancelled.makeAsyncIterator()
        let unsettled = try #require(try await cancelledDeliveries.next())
        try await cancelled.cancel()

        let states = connection.stateChanges()
        try BrokerControl.restartRabbitMQ()
        #expect(await publisher.value == .connectionClosed)
        var sawReconnecting = false
        for await state in states {
            if case .reconnecting = state { sawReconnecting = true }
            if state == .connected, sawReconnecting { break }
        }
        #expect(sawReconnecting)
        #expect(connection.isConnected)

        // The unacked "before" comes back through the same consumer; its old tag is refused cleanly.
        try await expectAMQPError(.staleDelivery) { try await consumer.ack(deliveryTag: before.deliveryTag) }
        try await connection.publish(exchange: "", routingKey: queue, body: Array("after".utf8), properties: .persistent)
        try await connection.publish(exchange: "amq.topic", routingKey: ephemeral, body: [1], mandatory: true)
        #expect(try await connection.inspectQueue(name: ephemeral).messageCount == 1)
        let resumed = try await deliveries.take(2)
        #expect(Set(resumed.map { String(decoding: $0.body, as: UTF8.self) }) == ["before", "after"])
        try await consumer.ack(deliveryTag: try #require(resumed.last).deliveryTag, multiple: true)
        try await consumer.cancel()

        let drainedInfo = try await connection.inspectQueue(name: drained)
        #expect(drainedInfo.consumerCount == 0)
        #expect(drainedInfo.messageCount == 1)
        try await expectAMQPError(.consumerCancelled) { try await cancelled.ack(deliveryTag: unsettled.deliveryTag) }
        try await cancelled.close()
        try await connection.deleteQueue(name: drained)
        try await connection.deleteQueue(name: queue)
        try await connection.deleteQueue(name: flood)
    }
}
