/// Something that happened at one instant during a span: a retry, a cache miss, a fallback.
public struct SpanEvent: Sendable, Hashable {
    public var name: String
    public var timeUnixNano: UInt64
    public var attributes: SpanAttributes

    public init(name: String, timeUnixNano: UInt64, attributes: SpanAttributes = [:]) {
        self.name = name
        self.timeUnixNano = timeUnixNano
        self.attributes = attributes
    }
}
