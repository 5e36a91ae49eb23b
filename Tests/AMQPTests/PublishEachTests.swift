import AMQP
import Testing

@Suite("AMQP publishEach")
struct PublishEachTests {
    @Test("each message gets its own outcome: an unroutable or invalid one fails alone, the others are confirmed and stored")
    func outcomesPerMessage() async throws {
        let connection = try await TestBroker.connect()
        let queue = TestBroker.uniqueName("each")
        try await connection.declareQueue(name: queue, durable: true, arguments: ["x-queue-type": "quorum"])
        let routed = AMQPOutgoingMessage(exchange: "", routingKey: queue, body: [1], mandatory: true)
        let unroutable = AMQPOutgoingMessage(exchange: "amq.direct", routingKey: TestBroker.uniqueName("nowhere"), body: [2], mandatory: true)
        let invalid = AMQPOutgoingMessage(exchange: "", routingKey: String(repeating: "k", count: 300), body: [3])

        let outcomes = await connection.publishEach([routed, unroutable, routed, invalid, routed])

        #expect(outcomes.count == 5)
        #expect(outcomes.map { (try? $0.get()) != nil } == [true, false, true, false, true])
        if case .failure(let error) = outcomes[1] { #expect(error.code == .unroutable) }
        if case .failure(let error) = outcomes[3] { #expect(error.code == .invalidArgument) }
        #expect(try await connection.inspectQueue(name: queue).messageCount == 3)
        try await connection.deleteQueue(name: queue)
        await connection.close()
    }

    @Test("a closed client answers every message with the same failure")
    func closedClient() async throws {
        let connection = try await TestBroker.connect()
        await connection.close()
        let outcomes = await connection.publishEach((1...2).map { AMQPOutgoingMessage(exchange: "", routingKey: "any", body: [$0]) })
        #expect(outcomes.count == 2)
        for outcome in outcomes {
            if case .failure(let error) = outcome { #expect(error.code == .clientClosed) } else { Issue.record("published on a closed client") }
        }
    }
}
