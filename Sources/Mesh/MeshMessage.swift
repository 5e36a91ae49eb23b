#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One kind of message in the mesh: a `Codable` body whose versioned `type` (`photo.watermark.v1`)
/// travels in the AMQP `type` property.
public protocol MeshMessage: Codable, Sendable {
    static var type: String { get }

    /// Field-level checks beyond what decoding already enforces. A message that fails them can never
    /// succeed, so the runtime parks it at once with the reason.
    func validate() throws(MessageValidationError)

    /// Decodes a delivery whose AMQP `type` is `type` (nil when the publisher set none). By default
    /// only `Self.type` is accepted; a kind that gathers what one queue receives (a worker's commands
    /// and the events it reacts to) decodes each body by its type.
    static func decode(type: String?, body: Data, using decoder: JSONDecoder) throws -> Self
}

extension MeshMessage {
    public func validate() throws(MessageValidationError) {}

    public static func decode(type: String?, body: Data, using decoder: JSONDecoder) throws -> Self {
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
