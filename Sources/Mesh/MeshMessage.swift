import FieldOpsCore

/// One kind of message in the mesh: a `Codable` body whose versioned `type` (`photo.watermark.v1`)
/// travels in the AMQP `type` property.
public protocol MeshMessage: Codable, Sendable {
    static var type: String { get }

    /// Field-level checks beyond what decoding already enforces. A message that fails them can never
    /// succeed, so the runtime parks it at once with the reason.
    func validate() throws(MessageValidationError)

    /// Decodes a delivery's body; `type` is its AMQP `type` property (nil when the publisher set
    /// none). A worker that takes several kinds from one queue (commands and events) gives its
    /// message type a decoder that picks the kind by `type`.
    static func decode(body: [UInt8], type: String?, decoder: JSONTapeDecoder) throws -> Self
}

extension MeshMessage {
    public func validate() throws(MessageValidationError) {}

    public static func decode(body: [UInt8], type: String?, decoder: JSONTapeDecoder) throws -> Self {
        guard type == nil || type == Self.type else {
            throw MessageValidationError(["type": "is \(type ?? ""), expected \(Self.type)"])
        }
        return try decoder.decode(Self.self, from: body)
    }
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
