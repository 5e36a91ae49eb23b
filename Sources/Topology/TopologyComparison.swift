import FieldOpsCore

/// Compares the topology file with what a broker reports, entity by entity.
///
/// Only names under the mesh's prefix count as `unexpected` on the broker side: other applications
/// (and tests) may share the vhost.
public enum TopologyComparison {
    public static func drift(expected: TopologyDefinition, actual: TopologyDefinition, ownedPrefix: String = "fieldops.") -> [TopologyDrift] {
        var drift: [TopologyDrift] = []

        drift += compare("exchange", expected.exchanges, actual.exchanges, key: { "\($0.vhost)/\($0.name)" }) { exchange, found in
            [
                ("type", exchange.type, found.type),
                ("durable", "\(exchange.durable)", "\(found.durable)"),
                ("auto_delete", "\(exchange.autoDelete)", "\(found.autoDelete)"),
                ("internal", "\(exchange.internal)", "\(found.internal)"),
            ] + argumentDifferences(exchange.arguments, found.arguments)
        }
        drift += compare("queue", expected.queues, actual.queues, key: { "\($0.vhost)/\($0.name)" }) { queue, found in
            [
                ("durable", "\(queue.durable)", "\(found.durable)"),
                ("auto_delete", "\(queue.autoDelete)", "\(found.autoDelete)"),
            ] + argumentDifferences(queue.arguments, found.arguments)
        }

        let expectedBindings = Set(expected.bindings)
        let actualBindings = Set(actual.bindings)
        for binding in expected.bindings where !actualBindings.contains(binding) {
            drift.append(TopologyDrift(entity: describe(binding), kind: .missing))
        }
        for binding in actual.bindings where !expectedBindings.contains(binding) && binding.source.hasPrefix(ownedPrefix) {
            drift.append(TopologyDrift(entity: describe(binding), kind: .unexpected))
        }

        drift += compare("policy", expected.policies, actual.policies, key: { "\($0.vhost)/\($0.name)" }) { policy, found in
            [
                ("pattern", policy.pattern, found.pattern),
                ("apply-to", policy.applyTo, found.applyTo),
                ("priority", "\(policy.priority)", "\(found.priority)"),
            ] + argumentDifferences(policy.definition, found.definition)
        }

        let expectedNames = Set(expected.exchanges.map { "exchange \($0.vhost)/\($0.name)" } + expected.queues.map { "queue \($0.vhost)/\($0.name)" })
        let ownedOnBroker = actual.exchanges.filter { $0.name.hasPrefix(ownedPrefix) }.map { "exchange \($0.vhost)/\($0.name)" }
            + actual.queues.filter { $0.name.hasPrefix(ownedPrefix) }.map { "queue \($0.vhost)/\($0.name)" }
        for entity in ownedOnBroker where !expectedNames.contains(entity) {
            drift.append(TopologyDrift(entity: entity, kind: .unexpected))
        }
        return drift
    }

    /// Each expected entity is missing on the broker, or compared field by field with its namesake.
    private static func compare<Entity>(
        _ kind: String, _ expected: [Entity], _ actual: [Entity], key: (Entity) -> String,
        fields: (Entity, Entity) -> [(String, String, String)]
    ) -> [TopologyDrift] {
        let actualByKey = Dictionary(actual.map { (key($0), $0) }) { first, _ in first }
        return expected.flatMap { entity -> [TopologyDrift] in
            let name = "\(kind) \(key(entity))"
            guard let found = actualByKey[key(entity)] else { return [TopologyDrift(entity: name, kind: .missing)] }
            return differences(name, fields(entity, found))
        }
    }

    private static func argumentDifferences(_ expected: [String: JSONValue], _ actual: [String: JSONValue]) -> [(String, String, String)] {
        Set(expected.keys).union(actual.keys).sorted().map { key in
            (key, expected[key]?.description ?? "absent", actual[key]?.description ?? "absent")
        }
    }

    private static func differences(_ entity: String, _ fields: [(name: String, expected: String, actual: String)]) -> [TopologyDrift] {
        fields.filter { $0.expected != $0.actual }.map {
            TopologyDrift(entity: entity, kind: .different("\($0.name) is \($0.actual), expected \($0.expected)"))
        }
    }

    private static func describe(_ binding: TopologyDefinition.Binding) -> String {
        let arguments = binding.arguments.isEmpty ? "" : " \(JSONValue.object(binding.arguments))"
        return "binding \(binding.vhost)/\(binding.source) -[\(binding.routingKey)\(arguments)]-> \(binding.destinationType) \(binding.destination)"
    }
}
