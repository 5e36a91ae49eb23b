/// Where a `Tracer`'s finished spans go. `export` is called on the thread that ended the span, so it
/// must return at once: queue the span and send it later, dropping it rather than blocking.
public protocol SpanExporter: Sendable {
    func export(_ span: FinishedSpan)
}
