/// An ended span as a value: what a `Span` hands to its exporter, fixed from then on.
public struct FinishedSpan: Sendable, Hashable {
    public var name: String
    public var kind: SpanKind
    /// The span's own trace and span id (and the flags and vendor state it carried on).
    public var context: TraceContext
    /// Nil for the root span of a trace.
    public var parentSpanID: SpanID?
    public var startTimeUnixNano: UInt64
    public var endTimeUnixNano: UInt64
    public var attributes: SpanAttributes
    public var events: [SpanEvent]
    public var status: SpanStatus

    public init(
        name: String, kind: SpanKind, context: TraceContext, parentSpanID: SpanID?, startTimeUnixNano: UInt64,
        endTimeUnixNano: UInt64, attributes: SpanAttributes = [:], events: [SpanEvent] = [], status: SpanStatus = .unset
    ) {
        self.name = name
        self.kind = kind
        self.context = context
        self.parentSpanID = parentSpanID
        self.startTimeUnixNano = startTimeUnixNano
        self.endTimeUnixNano = endTimeUnixNano
        self.attributes = attributes
        self.events = events
        self.status = status
    }
}
