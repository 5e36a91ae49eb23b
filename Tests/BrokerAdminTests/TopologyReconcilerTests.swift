import BrokerAdmin
import FieldOpsCore
import Foundation
import HTTPClient
import Testing
import Topology

/// Against the real broker's management API. Each test owns a topology under a unique prefix, so it
/// never disturbs the mesh's own queues.
@Suite("Topology apply and check")
struct TopologyReconcilerTests {
    let configuration: BrokerManagementConfiguration
    let reconciler: TopologyReconciler
    let mesh: TopologyReconciler
    let prefix: String

    init() throws {
        let environment = Environment.process()
        let port = environment.string("FIELDOPS_AMQP_MANAGEMENT_PORT", default: "25680")
        configuration = try BrokerManagementConfiguration(
            url: environment.string("FIELDOPS_AMQP_MANAGEMENT_URL", default: "http://fieldops:fieldops-local@127.0.0.1:\(port)")
        )
        let management = BrokerManagementClient(configuration: configuration)
        prefix = "fieldops-test-\(UUID().uuidString.prefix(8).lowercased())."
        reconciler = TopologyReconciler(management: management, ownedPrefix: prefix)
        mesh = TopologyReconciler(management: management)
    }

    var topology: TopologyDefinition {
        TopologyDefinition(
            exchanges: [.init(name: prefix + "commands", type: "topic")],
            queues: [.init(name: prefix + "work", arguments: ["x-queue-type": .string("quorum"), "x-delivery-limit": .int(3)])],
            bindings: [.init(source: prefix + "commands", destination: prefix + "work", routingKey: "work.#")],
            policies: [.init(name: prefix + "limits", pattern: "^" + prefix.replacingOccurrences(of: ".", with: "\\.") + "work$", applyTo: "queues", definition: ["max-length": .int(1000)])]
        )
    }

    func document(_ topology: TopologyDefinition) throws -> [UInt8] {
        Array(try JSONEncoder().encode(topology))
    }

    func managementCall(_ method: String, _ path: String, body: String = "") async throws -> HTTPClientResponse {
        try await HTTPClient().execute(HTTPClientRequest(
            method: method, url: configuration.baseURL + path, headers: [("Content-Type", "application/json")],
            body: Array(body.utf8), credentials: .basic(user: configuration.user, password: configuration.password)
        ))
    }

    func cleanUp() async throws {
        _ = try await managementCall("DELETE", "/api/queues/%2F/\(prefix)work")
        _ = try await managementCall("DELETE", "/api/exchanges/%2F/\(prefix)commands")
        _ = try await managementCall("DELETE", "/api/policies/%2F/\(prefix)limits")
    }

    @Test("apply creates everything, twice is a no-op, and check then finds no drift")
    func applyIsIdempotent() async throws {
        #expect(try await reconciler.check(topology).count == 4, "nothing exists yet")
        #expect(try await reconciler.apply(document: document(topology), expected: topology).isEmpty)
        #expect(try await reconciler.apply(document: document(topology), expected: topology).isEmpty)
        #expect(try await reconciler.check(topology).isEmpty)
        try await cleanUp()
    }

    @Test("a binding removed and a policy changed on the broker are reported as drift, and apply repairs them")
    func driftDetected() async throws {
        _ = try await reconciler.apply(document: document(topology), expected: topology)
        let unbind = try await managementCall("DELETE", "/api/bindings/%2F/e/\(prefix)commands/q/\(prefix)work/work.%23")
        #expect(unbind.status == 204)
        let policy = try await managementCall("PUT", "/api/policies/%2F/\(prefix)limits",
                                              body: #"{"pattern":"^nothing$","definition":{"max-length":5},"apply-to":"queues"}"#)
        #expect(policy.isSuccess)

        let drift = try await reconciler.check(topology)
        #expect(drift.contains { $0.kind == .missing && $0.entity.contains("binding") && $0.entity.contains(prefix + "work") })
        #expect(drift.contains { $0.entity == "policy //\(prefix)limits" && $0.kind == .different("max-length is 5, expected 1000") })

        #expect(try await reconciler.apply(document: document(topology), expected: topology).isEmpty)
        try await cleanUp()
    }

    @Test("a queue whose arguments changed in the file cannot be applied in place and stays reported")
    func conflictingQueue() async throws {
        var conflicting = topology
        conflicting.queues[0].arguments["x-delivery-limit"] = .int(9)
        _ = try await reconciler.apply(document: document(topology), expected: topology)
        let drift = try await reconciler.apply(document: document(conflicting), expected: conflicting)
        #expect(drift == [TopologyDrift(entity: "queue //\(prefix)work", kind: .different("x-delivery-limit is 3, expected 9"))])
        try await cleanUp()
    }

    @Test("the mesh's own topology file matches the local broker, which imported it at boot")
    func meshTopologyLoaded() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (_, mesh) = try TopologyReconciler.load(path: root.appendingPathComponent("topology/definitions.json").path)
        // Suites running alongside bind private test queues to the mesh's exchanges: not drift of the mesh.
        let drift = try await self.mesh.check(mesh).filter { !$0.entity.contains("queue mesh-test-") && !$0.entity.contains("queue fieldops-tests.") }
        #expect(drift.isEmpty, "\(drift)")
    }
}
