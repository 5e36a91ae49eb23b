import Foundation
import Testing
import Topology

/// Positions are sharded by device: per-device order holds however many GPS workers run.
@Suite("GPS shard topology")
struct GPSShardTopologyTests {
    let topology: TopologyDefinition

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        topology = try JSONDecoder().decode(TopologyDefinition.self, from: Data(contentsOf: root.appendingPathComponent("topology/definitions.json")))
    }

    @Test("a consistent-hash exchange feeds equally weighted quorum shards, each with one active consumer, parking in fieldops.gps.dead")
    func shards() throws {
        let exchange = try #require(topology.exchanges.first { $0.name == "fieldops.positions" })
        #expect(exchange.type == "x-consistent-hash")
        #expect(exchange.durable)
        let shards = topology.queues.filter { $0.name.hasPrefix("fieldops.gps.shard.") }
        #expect(shards.count >= 2)
        for (index, shard) in shards.sorted(by: { $0.name < $1.name }).enumerated() {
            #expect(shard.name == "fieldops.gps.shard.\(index)")
            #expect(shard.arguments["x-queue-type"] == .string("quorum"))
            #expect(shard.arguments["x-single-active-consumer"] == .bool(true))
            #expect(shard.arguments["x-dead-letter-exchange"] == .string("fieldops.dead"))
            #expect(shard.arguments["x-dead-letter-routing-key"] == .string("fieldops.gps"))
            #expect(shard.arguments["x-dead-letter-strategy"] == .string("at-least-once"))
            #expect(shard.arguments["x-overflow"] == .string("reject-publish"))
            #expect(topology.bindings.filter { $0.source == "fieldops.positions" && $0.destination == shard.name }.map(\.routingKey) == ["1"])
        }
        // MQTT publishes land on amq.topic as gps.<tenant>.<device> and are hashed the same way.
        #expect(topology.bindings.contains {
            $0.source == "amq.topic" && $0.destination == "fieldops.positions" && $0.destinationType == "exchange" && $0.routingKey == "gps.#"
        })
    }
}
