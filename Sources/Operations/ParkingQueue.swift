/// A work queue and the parking queue (`<queue>.dead`) where its failed messages wait for an operator.
public struct ParkingQueue: Sendable, Hashable {
    /// The work queue, e.g. `fieldops.photo`: where a replayed message goes unless it names another.
    public let origin: String
    /// The parking queue, e.g. `fieldops.photo.dead`.
    public var name: String { origin + Self.suffix }

    static let suffix = ".dead"
    static let namespace = "fieldops."

    /// Accepts the work queue (`fieldops.photo`), its parking queue (`fieldops.photo.dead`) or the
    /// short name (`photo`): a name without a dot means `fieldops.<name>`.
    public init(_ argument: String) throws(OperationsError) {
        var origin = argument.hasSuffix(Self.suffix) ? String(argument.dropLast(Self.suffix.count)) : argument
        if !origin.isEmpty, !origin.contains(".") { origin = Self.namespace + origin }
        // AMQP queue names are short strings: at most 255 bytes, including the suffix.
        guard !origin.isEmpty, (origin + Self.suffix).utf8.count <= 255 else {
            throw OperationsError(.invalidRequest, "'\(argument)' is not a queue name")
        }
        self.origin = origin
    }
}
