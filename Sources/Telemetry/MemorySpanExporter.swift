import Synchronization

/// Keeps finished spans in memory; tests read them back to assert on what was traced.
public final class MemorySpanExporter: SpanExporter {
    private let spans = Mutex<[FinishedSpan]>([])

    public init() {}

    public func export(_ span: FinishedSpan) {
        spans.withLock { $0.append(span) }
    }

    public var finished: [FinishedSpan] { spans.withLock { $0 } }
}
