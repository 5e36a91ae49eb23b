/// One difference between the topology file and a running broker.
public struct TopologyDrift: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// In the file, absent from the broker.
        case missing
        /// In both, with other settings (the string says which).
        case different(String)
        /// On the broker under the mesh's names, absent from the file.
        case unexpected
    }

    public let entity: String
    public let kind: Kind

    public init(entity: String, kind: Kind) {
        self.entity = entity
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .missing: "missing: \(entity)"
        case .different(let what): "different: \(entity): \(what)"
        case .unexpected: "unexpected: \(entity)"
        }
    }
}
