import Commands
import FieldOpsCore
import Foundation
import Mesh
import Notifications

/// Everything the notify queue carries: its two commands and the domain events it is bound to.
/// The AMQP `type` picks the kind; a domain event's type is its routing key and a version
/// (`intervention.assigned.v1`).
public enum NotifyMessage: MeshMessage {
    public static let type = NotifySendCommand.type

    case send(NotifySendCommand)
    case evaluateAlerts(NotifyAlertsEvaluateCommand)
    case event(type: String, fields: [String: JSONValue])

    /// Dates arrive as ISO 8601 text from most publishers, or as Foundation's default number.
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                if let date = try? Date(text, strategy: .iso8601) { return date }
                if let date = try? Date(text, strategy: .iso8601.year().month().day()) { return date }
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date")
            }
            return Date(timeIntervalSinceReferenceDate: try container.decode(Double.self))
        }
        return decoder
    }()

    public static func decode(body: [UInt8], type: String?, decoder _: JSONTapeDecoder) throws -> NotifyMessage {
        let data = Data(body)
        switch type {
        case nil, NotifySendCommand.type:
            return .send(try Self.decoder.decode(NotifySendCommand.self, from: data))
        case NotifyAlertsEvaluateCommand.type:
            return .evaluateAlerts(try Self.decoder.decode(NotifyAlertsEvaluateCommand.self, from: data))
        case let type?:
            guard let eventType = eventType(of: type) else {
                throw MessageValidationError(["type": "\(type) is neither a notify command nor a versioned event type"])
            }
            guard case .object(let fields) = try Self.decoder.decode(JSONValue.self, from: data) else {
                throw MessageValidationError(["body": "an event is a JSON object"])
            }
            return .event(type: eventType, fields: fields)
        }
    }

    /// `intervention.assigned.v1` → `intervention.assigned`.
    static func eventType(of type: String) -> String? {
        guard let dot = type.lastIndex(of: "."), type[type.index(after: dot)...].first == "v",
              type[type.index(dot, offsetBy: 2)...].allSatisfy(\.isNumber), type.distance(from: dot, to: type.endIndex) > 2
        else { return nil }
        return String(type[..<dot])
    }

    public init(from decoder: any Decoder) throws {
        self = .send(try NotifySendCommand(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .send(let command): try command.encode(to: encoder)
        case .evaluateAlerts(let command): try command.encode(to: encoder)
        case .event(_, let fields): try JSONValue.object(fields).encode(to: encoder)
        }
    }

    public func validate() throws(MessageValidationError) {
        switch self {
        case .send(let command): try command.validate()
        case .evaluateAlerts(let command): try command.validate()
        case .event: break
        }
    }
}
