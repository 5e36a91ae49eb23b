/// One field a client may write. Fields not declared here (id, version, status of a workflow,
/// timestamps) are read-only: a request that sets them is refused, never silently obeyed.
public struct ResourceField: Sendable {
    public enum Presence: Sendable {
        /// Must be given on create; never null.
        case required
        /// May be omitted or null.
        case optional
        /// May be omitted (the database default applies) but not set to null.
        case defaulted
    }

    public let name: String
    public let type: FieldType
    public let presence: Presence
    /// False for what fixes a row's identity or parent (a phase's site): set on create only.
    public let updatable: Bool

    public init(_ name: String, _ type: FieldType, _ presence: Presence = .optional, updatable: Bool = true) {
        self.name = name
        self.type = type
        self.presence = presence
        self.updatable = updatable
    }
}
