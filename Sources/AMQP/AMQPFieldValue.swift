/// An AMQP field table: message headers and the `arguments` of declarations and bindings.
public typealias AMQPFieldTable = [String: AMQPFieldValue]

/// One value of a field table, with the wire types RabbitMQ understands.
/// (RabbitMQ has no unsigned 64-bit type, so there is none here either.)
public enum AMQPFieldValue: Sendable, Hashable {
    case bool(Bool)
    case int8(Int8)
    case uint8(UInt8)
    case int16(Int16)
    case uint16(UInt16)
    case int32(Int32)
    case uint32(UInt32)
    case int64(Int64)
    case float(Float)
    case double(Double)
    /// `value × 10^-scale`.
    case decimal(scale: UInt8, value: UInt32)
    /// A UTF-8 long string (`S`).
    case string(String)
    /// Raw bytes (`x`).
    case bytes([UInt8])
    /// Seconds since the Unix epoch.
    case timestamp(UInt64)
    case table(AMQPFieldTable)
    case array([AMQPFieldValue])
    case void
}

extension AMQPFieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    /// Integer literals become `long` (`l`), the type RabbitMQ uses for its own numeric arguments.
    public init(integerLiteral value: Int64) { self = .int64(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
