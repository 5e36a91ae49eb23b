/// One kind of message in the mesh: a `Codable` body whose versioned `type` (`photo.watermark.v1`)
/// travels in the AMQP `type` property.
public protocol MeshMessage: Codable, Sendable {
    static var type: String { get }

    /// Field-level checks beyond what decoding already enforces. A message that fails them can never
    /// succeed, so the runtime parks it at once with the reason.
    func validate() throws(MessageValidationError)
}

extension MeshMessage {
    public func validate() throws(MessageValidationError) {}
}

/// Why a decoded message is still unusable, field by field.
public struct MessageValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let fields: [String: String]

    public init(_ fields: [String: String]) {
        self.fields = fields
    }

    public var description: String {
        "invalid payload: " + fields.keys.sorted().map { "\($0) \(fields[$0]!)" }.joined(separator: "; ")
    }
}
