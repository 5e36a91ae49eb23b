import BrokerAdmin
import FieldOpsCore
import Topology

enum TopologyCommands {
    static let defaultFile = "topology/definitions.json"

    static let all: [CLICommand] = [
        CLICommand(
            words: ["topology", "apply"],
            summary: "declare the topology file on the broker (idempotent)",
            usage: "fieldopsctl topology apply [--file \(defaultFile)]\n\nImports the definitions through the management API (FIELDOPS_AMQP_MANAGEMENT_URL), then\nreports any drift that remains (a queue whose arguments changed must be migrated by hand).\nExit 0 when the broker matches the file, 1 otherwise.",
            options: ["file"]
        ) { arguments, environment in
            let (document, topology) = try TopologyReconciler.load(path: arguments.option("file", default: defaultFile))
            let drift = try await reconciler(environment).apply(document: document, expected: topology)
            return report(drift, success: "applied: \(topology.queues.count) queues, \(topology.exchanges.count) exchanges, \(topology.bindings.count) bindings, \(topology.policies.count) policies")
        },
        CLICommand(
            words: ["topology", "check"],
            summary: "report drift between the topology file and the broker",
            usage: "fieldopsctl topology check [--file \(defaultFile)]\n\nLists every missing, different or unexpected exchange, queue, binding and policy.\nExit 0 when the broker matches the file, 1 on drift.",
            options: ["file"]
        ) { arguments, environment in
            let (_, topology) = try TopologyReconciler.load(path: arguments.option("file", default: defaultFile))
            return report(try await reconciler(environment).check(topology), success: "no drift")
        },
    ]

    private static func reconciler(_ environment: Environment) throws -> TopologyReconciler {
        TopologyReconciler(management: BrokerManagementClient(configuration: try BrokerManagementConfiguration(environment: environment)))
    }

    private static func report(_ drift: [TopologyDrift], success: String) -> Int32 {
        guard !drift.isEmpty else {
            print(success)
            return 0
        }
        drift.forEach { print($0) }
        print("\(drift.count) difference(s) between the topology file and the broker")
        return 1
    }
}
