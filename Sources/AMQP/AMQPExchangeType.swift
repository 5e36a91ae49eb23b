/// An exchange type: the built-in ones, or any plugin's (e.g. `x-consistent-hash`) by name.
public struct AMQPExchangeType: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let direct = AMQPExchangeType(rawValue: "direct")
    public static let fanout = AMQPExchangeType(rawValue: "fanout")
    public static let topic = AMQPExchangeType(rawValue: "topic")
    public static let headers = AMQPExchangeType(rawValue: "headers")
    public static let consistentHash = AMQPExchangeType(rawValue: "x-consistent-hash")
}
