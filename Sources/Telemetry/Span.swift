import Synchronization

/// One timed operation of a trace, from `Tracer.startSpan` to `end(status:)`.
///
/// Its `context` carries the span's own id: put `context.traceparent` on the requests and messages
/// sent on its behalf, so the work they cause becomes its children. Attributes and events may be
/// added from any task until the span ends; the first `end` hands it to the exporter and later
/// calls do nothing.
public final class Span: Sendable {
    public let name: String
    public let kind: SpanKind
    public let context: TraceContext
    /// Nil for the root span of a trace.
    public let parentSpanID: SpanID?
    public let startTimeUnixNano: UInt64
    /// Nil when tracing is off or the trace is not sampled: then nothing is recorded at all.
    private let exporter: (any SpanExporter)?
    private let state: Mutex<State>

    private struct State {
        var attributes: SpanAttributes
        var events: [SpanEvent] = []
        var ended = false
    }

    init(name: String, kind: SpanKind, context: TraceContext, parentSpanID: SpanID?, attributes: SpanAttributes, exporter: (any SpanExporter)?) {
        self.name = name
        self.kind = kind
        self.context = context
        self.parentSpanID = parentSpanID
        self.exporter = context.isSampled ? exporter : nil
        startTimeUnixNano = WallClock.unixNanoseconds()
        state = Mutex(State(attributes: self.exporter == nil ? [:] : attributes))
    }

    /// Whether anything set on this span will be exported; callers may skip costly attributes otherwise.
    public var isRecording: Bool { exporter != nil }

    public func setAttribute(_ key: String, _ value: SpanAttributeValue) {
        guard exporter != nil else { return }
        state.withLock { state in
            guard !state.ended else { return }
            state.attributes[key] = value
        }
    }

    public func addEvent(_ name: String, attributes: SpanAttributes = [:]) {
        guard exporter != nil else { return }
        let event = SpanEvent(name: name, timeUnixNano: WallClock.unixNanoseconds(), attributes: attributes)
        state.withLock { state in
            guard !state.ended else { return }
            state.events.append(event)
        }
    }

    public func end(status: SpanStatus = .unset) {
        guard let exporter else { return }
        let endTime = WallClock.unixNanoseconds()
        let recorded: (attributes: SpanAttributes, events: [SpanEvent])? = state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            return (state.attributes, state.events)
        }
        guard let recorded else { return }
        exporter.export(FinishedSpan(
            name: name, kind: kind, context: context, parentSpanID: parentSpanID, startTimeUnixNano: startTimeUnixNano,
            endTimeUnixNano: endTime, attributes: recorded.attributes, events: recorded.events, status: status
        ))
    }
}
