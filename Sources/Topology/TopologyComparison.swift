import FieldOpsCore
/// Compares the topology file with what a broker reports, entity by entity.
///
/// Only names under the mesh's prefix count as `unexpected` on the broker side: other applications
/// (and tests) may share the vhost.
public enum TopologyComparison {
    public static func drift(expected: TopologyDefinition, actual: TopologyDefinition, ownedPrefix: String = "fieldops.") -> [TopologyDrift] {
        var drift: [TopologyDrift] = []

        let actualExchanges = Dictionary(actual.exchanges.map { ("\($0.vhost)/\($0.name)", $0) }) { first, _ in first }
        for exchange in expected.exchanges {
            let entity = "exchange \(exchange.vhost)/\(exchange.name)"
            guard let found = actualExchanges["\(exchange.vhost)/\(exchange.name)"] else {
                drift.append(TopologyDrift(entity: entity, kind: .missing))
                continue
            }
            drift += differences(entity, [
                ("type", exchange.type, found.type),
                ("durable", "\(exchange.durable)", "\(found.durable)"),
                ("auto_delete", "\(exchange.autoDelete)", "\(found.autoDelete)"),
                ("internal", "\(exchange.internal)", "\(found.internal)"),
            ] + argumentDifferences(exchange.arguments, found.arguments))
        }

        let actualQueues = Dictionary(actual.queues.map { ("\($0.vhost)/\($0.name)", $0) }) { first, _ in first }
        for queue in expected.queues {
            let entity = "queue \(queue.vhost)/\(queue.name)"
            guard let found = actualQueues["\(queue.vhost)/\(queue.name)"] else {
                drift.append(TopologyDrift(entity: entity, kind: .missing))
                continue
            }
            drift += differences(entity, [
                ("durable", "\(queue.durable)", "\(found.durable)"),
                ("auto_delete", "\(queue.autoDelete)", "\(found.autoDelete)"),
            ] + argumentDifferences(queue.arguments, found.arguments))
        }

        let expectedBindings = Set(expected.bindings)
        let actualBindings = Set(actual.bindings)
        for binding in expected.bindings where !actualBindings.contains(binding) {
            drift.append(TopologyDrift(entity: describe(binding), kind: .missing))
        }
        for binding in actual.bindings where !expectedBindings.contains(binding) && binding.source.hasPrefix(ownedPrefix) {
            drift.append(TopologyDrift(entity: describe(binding), kind: .unexpected))
        }

        let actualPolicies = Dictionary(actual.policies.map { ("\($0.vhost)/\($0.name)", $0) }) { first, _ in first }
        for policy in expected.policies {
            let entity = "policy \(policy.vhost)/\(policy.name)"
            guard let found = actualPolicies["\(policy.vhost)/\(policy.name)"] else {
                drift.append(TopologyDrift(entity: entity, kind: .missing))
                continue
            }
            drift += differences(entity, [
                ("pattern", policy.pattern, found.pattern),
                ("apply-to", policy.applyTo, found.applyTo),
                ("priority", "\(policy.priority)", "\(found.priority)"),
            ] + argumentDifferences(policy.definition, found.definition))
        }

        let expectedNames = Set(expected.exchanges.map { "exchange \($0.vhost)/\($0.name)" } + expected.queues.map { "queue \($0.vhost)/\($0.name)" })
        let ownedOnBroker = actual.exchanges.filter { $0.name.hasPrefix(ownedPrefix) }.map { "exchange \($0.vhost)/\($0.name)" }
            + actual.queues.filter { $0.name.hasPrefix(ownedPrefix) }.map { "queue \($0.vhost)/\($0.name)" }
        for entity in ownedOnBroker where !expectedNames.contains(entity) {
            drift.append(TopologyDrift(entity: entity, kind: .unexpected))
        }
        return drift
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
