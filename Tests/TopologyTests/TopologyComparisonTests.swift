import Testing
import Topology

@Suite("Topology comparison")
struct TopologyComparisonTests {
    let expected = TopologyDefinition(
        exchanges: [.init(name: "fieldops.commands", vhost: "/", type: "topic", durable: true, autoDelete: false, internal: false, arguments: [:])],
        queues: [.init(name: "fieldops.gps", vhost: "/", durable: true, autoDelete: false, arguments: ["x-queue-type": .string("quorum"), "x-delivery-limit": .int(5)])],
        bindings: [.init(source: "fieldops.commands", vhost: "/", destination: "fieldops.gps", destinationType: "queue", routingKey: "gps.#", arguments: [:])],
        policies: [.init(vhost: "/", name: "fieldops-parking", pattern: "\\.dead$", applyTo: "queues", priority: 0, definition: ["message-ttl": .int(1000)])]
    )

    @Test("a missing queue, exchange, binding and policy are each reported")
    func missing() {
        let drift = TopologyComparison.drift(expected: expected, actual: TopologyDefinition())
        #expect(drift.count == 4)
        #expect(drift.allSatisfy { $0.kind == .missing })
    }

    @Test("a changed queue argument is reported with both values")
    func changedArgument() {
        var actual = expected
        actual.queues[0].arguments["x-delivery-limit"] = .int(50)
        let drift = TopologyComparison.drift(expected: expected, actual: actual)
        #expect(drift == [TopologyDrift(entity: "queue //fieldops.gps", kind: .different("x-delivery-limit is 50, expected 5"))])
    }

    @Test("an extra mesh binding or queue is unexpected; foreign ones are ignored")
    func unexpected() {
        var actual = expected
        actual.bindings.append(.init(source: "fieldops.commands", vhost: "/", destination: "fieldops.gps", destinationType: "queue", routingKey: "photo.#", arguments: [:]))
        actual.queues.append(.init(name: "fieldops.legacy", vhost: "/", durable: true, autoDelete: false, arguments: [:]))
        actual.queues.append(.init(name: "someone-else", vhost: "/", durable: true, autoDelete: false, arguments: [:]))
        let drift = TopologyComparison.drift(expected: expected, actual: actual)
        #expect(drift.map(\.kind) == [.unexpected, .unexpected])
        #expect(drift.map(\.entity).contains("queue //fieldops.legacy"))
    }

    @Test("a changed policy definition and exchange type are reported")
    func changedPolicyAndExchange() {
        var actual = expected
        actual.policies[0].definition["message-ttl"] = .int(2000)
        actual.exchanges[0].type = "direct"
        let drift = TopologyComparison.drift(expected: expected, actual: actual)
        #expect(drift.count == 2)
        #expect(drift.contains { $0.entity == "exchange //fieldops.commands" && $0.kind == .different("type is direct, expected topic") })
    }
}
