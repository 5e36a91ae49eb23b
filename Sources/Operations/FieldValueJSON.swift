import AMQP
import Foundation

/// AMQP header values as JSON-compatible objects, so `dlq show` can print any header — including the
/// broker's nested `x-death` tables — without knowing it in advance.
enum FieldValueJSON {
    static func object(_ value: AMQPFieldValue) -> Any {
        switch value {
        case .bool(let value): value
        case .int8(let value): Int(value)
        case .uint8(let value): Int(value)
        case .int16(let value): Int(value)
        case .uint16(let value): Int(value)
        case .int32(let value): Int(value)
        case .uint32(let value): Int(value)
        case .int64(let value): Int(value)
        case .float(let value): Double(value)
        case .double(let value): value
        case .decimal(let scale, let value): Double(value) / pow(10, Double(scale))
        case .string(let value): value
        case .bytes(let value): Data(value).base64EncodedString()
        case .timestamp(let value): Date(timeIntervalSince1970: TimeInterval(value)).iso8601Text
        case .table(let table): table.mapValues(object)
        case .array(let values): values.map(object)
        case .void: NSNull()
        }
    }

    /// One line of text: strings as they are, everything else as compact JSON.
    static func text(_ value: AMQPFieldValue) -> String {
        let object = object(value)
        if let string = object as? String { return string }
        return PrettyJSON.text(object, pretty: false) ?? "\(value)"
    }
}
