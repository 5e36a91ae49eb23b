/// Why a reported position cannot be accepted: the offending field and a reason a tracker's owner
/// can act on. Answered as `400` by the ingestion endpoints, logged and counted by the worker.
public struct PositionInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field) \(reason)" }
}
