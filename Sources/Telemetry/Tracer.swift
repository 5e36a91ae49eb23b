/// Starts spans and hands the finished ones to an exporter. A value passed down like a `Logger`;
/// `Tracer.noop` (export disabled) still makes the ids that are propagated, and records nothing.
public struct Tracer: Sendable {
    private let exporter: (any SpanExporter)?

    public init(exporter: any SpanExporter) {
        self.exporter = exporter
    }

    private init() {
        exporter = nil
    }

    public static let noop = Tracer()

    public var isRecording: Bool { exporter != nil }

    /// A span in `parent`'s trace whose parent is the span that made `parent` (an incoming
    /// `traceparent`, or another span's `context`); a new trace when `parent` is nil. An unsampled
    /// parent gives an unsampled span, which is propagated but not exported.
    public func startSpan(name: String, kind: SpanKind = .internal, parent: TraceContext?, attributes: SpanAttributes = [:]) -> Span {
        Span(
            name: name, kind: kind, context: parent?.child() ?? .random(), parentSpanID: parent?.spanID,
            attributes: attributes, exporter: exporter
        )
    }

    /// Runs `body` inside a span that ends when it returns: `ok` when it returns, `error` with the
    /// error's description when it throws (the error is rethrown).
    public func withSpan<Result, Failure: Error>(
        name: String, kind: SpanKind = .internal, parent: TraceContext?, attributes: SpanAttributes = [:],
        isolation: isolated (any Actor)? = #isolation, _ body: (Span) async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let span = startSpan(name: name, kind: kind, parent: parent, attributes: attributes)
        do {
            let result = try await body(span)
            span.end(status: .ok)
            return result
        } catch {
            span.end(status: .error(message: "\(error)"))
            throw error
        }
    }
}
