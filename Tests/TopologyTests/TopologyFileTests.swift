import Foundation
import Testing
import Topology

/// The committed topology file holds the mesh's invariants.
@Suite("Topology file")
struct TopologyFileTests {
    static let workQueues = ["fieldops.gps", "fieldops.photo", "fieldops.reports", "fieldops.scheduler", "fieldops.notify"]
    let topology: TopologyDefinition

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("topology/definitions.json"))
        topology = try JSONDecoder().decode(TopologyDefinition.self, from: data)
    }

    func queue(_ name: String) throws -> TopologyDefinition.Queue {
        try #require(topology.queues.first { $0.name == name }, "queue \(name)")
    }

    @Test("every work queue is a durable quorum queue with a delivery limit and an at-least-once parking path", arguments: workQueues)
    func workQueue(name: String) throws {
        let queue = try queue(name)
        #expect(queue.durable)
        #expect(queue.arguments["x-queue-type"] == .string("quorum"))
        guard case .int(let limit) = queue.arguments["x-delivery-limit"] else {
            Issue.record("no delivery limit on \(name)")
            return
        }
        #expect((1...20).contains(limit))
        #expect(queue.arguments["x-dead-letter-exchange"] == .string("fieldops.dead"))
        #expect(queue.arguments["x-dead-letter-routing-key"] == .string(name))
        #expect(queue.arguments["x-dead-letter-strategy"] == .string("at-least-once"))
        #expect(queue.arguments["x-overflow"] == .string("reject-publish"), "at-least-once dead-lettering requires reject-publish")

        let parking = try self.queue(name + ".dead")
        #expect(parking.arguments["x-queue-type"] == .string("quorum"))
        #expect(topology.bindings.contains { $0.source == "fieldops.dead" && $0.destination == name + ".dead" && $0.routingKey == name })
        #expect(topology.bindings.contains { $0.source == "fieldops.commands" && $0.destination == name })
    }

    @Test("every retry tier waits then dead-letters through the default exchange back to the origin queue")
    func retryTiers() throws {
        let tiers = topology.queues.filter { $0.name.hasPrefix("fieldops.retry.") }
        #expect(tiers.count >= 3)
        for tier in tiers {
            guard case .int(let ttl) = tier.arguments["x-message-ttl"] else {
                Issue.record("no TTL on \(tier.name)")
                continue
            }
            #expect(ttl > 0)
            #expect(tier.arguments["x-dead-letter-exchange"] == .string(""))
            #expect(tier.arguments["x-dead-letter-routing-key"] == nil, "the message's own routing key names the origin queue")
            let suffix = String(tier.name.dropFirst("fieldops.retry.".count))
            #expect(topology.bindings.contains {
                $0.source == "fieldops.retry" && $0.destination == tier.name && $0.arguments["x-retry-tier"] == .string(suffix)
            })
        }
    }

    @Test("the file compared with itself shows no drift")
    func noSelfDrift() {
        #expect(TopologyComparison.drift(expected: topology, actual: topology).isEmpty)
    }
}
