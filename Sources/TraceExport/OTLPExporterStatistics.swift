/// What an `OTLPExporter` did with the spans it was given, since it started.
public struct OTLPExporterStatistics: Sendable, Hashable {
    /// Accepted by the collector.
    public var exportedSpans: Int
    /// Refused on arrival because the queue was full or the exporter was shut down.
    public var droppedSpans: Int
    /// Given up on after the last attempt (or when shutdown's time ran out).
    public var failedSpans: Int
    /// Requests that did not succeed, retries included.
    public var failedRequests: Int
    /// Waiting in the queue at the time of reading.
    public var pendingSpans: Int

    public init(exportedSpans: Int = 0, droppedSpans: Int = 0, failedSpans: Int = 0, failedRequests: Int = 0, pendingSpans: Int = 0) {
        self.exportedSpans = exportedSpans
        self.droppedSpans = droppedSpans
        self.failedSpans = failedSpans
        self.failedRequests = failedRequests
        self.pendingSpans = pendingSpans
    }
}
