import Foundation
import Topology

/// Brings a broker to the topology file (`apply`) and reports where it differs (`check`).
public struct TopologyReconciler: Sendable {
    public let management: BrokerManagementClient
    /// Names under this prefix belong to the mesh: on the broker but not in the file, they are drift.
    public let ownedPrefix: String

    public init(management: BrokerManagementClient, ownedPrefix: String = "fieldops.") {
        self.management = management
        self.ownedPrefix = ownedPrefix
    }

    /// Reads and decodes a definitions file, keeping its bytes for import.
    public static func load(path: String) throws -> (document: [UInt8], topology: TopologyDefinition) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return (Array(data), try JSONDecoder().decode(TopologyDefinition.self, from: data))
    }

    public func check(_ expected: TopologyDefinition) async throws(BrokerManagementError) -> [TopologyDrift] {
        TopologyComparison.drift(expected: expected, actual: try await management.definitions(), ownedPrefix: ownedPrefix)
    }

    /// Imports the document (idempotent), then returns the drift that remains — entities the import
    /// cannot change in place, such as a queue declared with other arguments.
    public func apply(document: [UInt8], expected: TopologyDefinition) async throws(BrokerManagementError) -> [TopologyDrift] {
        try await management.importDefinitions(document)
        return try await check(expected)
    }
}
