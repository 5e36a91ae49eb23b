import FieldOpsCore
import HTTPClient
import Synchronization
import Telemetry

/// Sends finished spans to an OpenTelemetry collector over OTLP/HTTP (JSON encoding).
///
/// `export(_:)` only appends to a bounded queue and never waits: when the queue is full the span is
/// dropped and counted, so a slow or absent collector cannot slow a request down. A background task
/// sends a batch every `flushInterval`, or as soon as `maxBatchSize` spans are waiting; a failed
/// request is retried with backoff, then its batch is dropped with a warning. The task runs until
/// `shutdown(timeout:)`, which sends what is still queued; call it before the process exits.
public final class OTLPExporter: SpanExporter {
    private let configuration: OTLPExporterConfiguration
    private let client: HTTPClient
    private let logger: Logger
    private let headers: [(name: String, value: String)]
    private let state = Mutex(State())
    /// Wakes the send loop early: a full batch is waiting, or shutdown began.
    private let wakeup = WakeupSignal()
    /// Given by the send loop once it has sent everything at shutdown.
    private let drained = WakeupSignal()

    private struct State {
        var queue: [FinishedSpan] = []
        var statistics = OTLPExporterStatistics()
        /// Dropped since the last warning: overflow is reported once per flush, not once per span.
        var droppedUnreported = 0
        /// Set by `shutdown`: from then on spans are refused and the queue is sent before this instant.
        var shutdownDeadline: ContinuousClock.Instant?
    }

    public init(configuration: OTLPExporterConfiguration, client: HTTPClient = HTTPClient(), logger: Logger) {
        self.configuration = configuration
        self.client = client
        self.logger = logger.with("otlp.url", configuration.tracesURL)
        headers = [(name: "Content-Type", value: "application/json")] + configuration.headers
        Task { await self.sendLoop() }
    }

    public func export(_ span: FinishedSpan) {
        let batchIsFull = state.withLock { state in
            guard state.shutdownDeadline == nil, state.queue.count < configuration.maxQueueSize else {
                state.statistics.droppedSpans += 1
                state.droppedUnreported += 1
                return false
            }
            state.queue.append(span)
            return state.queue.count == configuration.maxBatchSize
        }
        if batchIsFull { wakeup.signal() }
    }

    public var statistics: OTLPExporterStatistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.pendingSpans = state.queue.count
            return statistics
        }
    }

    /// Stops accepting spans and sends those queued, returning when they are sent or after `timeout`.
    /// A second call returns at once.
    public func shutdown(timeout: Duration = .seconds(5)) async {
        let deadline = ContinuousClock.now + timeout
        let first = state.withLock { state in
            guard state.shutdownDeadline == nil else { return false }
            state.shutdownDeadline = deadline
            return true
        }
        guard first else { return }
        wakeup.signal()
        await drained.wait(until: deadline)
    }

    private func sendLoop() async {
        var nextFlush = ContinuousClock.now + configuration.flushInterval
        while true {
            let (shuttingDown, batchIsFull) = state.withLock { state in
                (state.shutdownDeadline != nil, state.queue.count >= configuration.maxBatchSize)
            }
            if !shuttingDown {
                guard batchIsFull || ContinuousClock.now >= nextFlush else {
                    await wakeup.wait(until: nextFlush)
                    continue
                }
                nextFlush = ContinuousClock.now + configuration.flushInterval
            }
            while let batch = takeBatch() {
                await send(batch)
            }
            reportDrops()
            if shuttingDown {
                drained.signal()
                return
            }
        }
    }

    private func takeBatch() -> [FinishedSpan]? {
        state.withLock { state in
            guard !state.queue.isEmpty else { return nil }
            let count = min(state.queue.count, configuration.maxBatchSize)
            defer { state.queue.removeFirst(count) }
            return Array(state.queue.prefix(count))
        }
    }

    /// POSTs one batch, retrying what may succeed later (no connection, 429, 502–504) with backoff.
    private func send(_ batch: [FinishedSpan]) async {
        let body = OTLPTraceJSON.exportRequest(batch, resource: configuration.resourceAttributes, scopeName: configuration.scopeName)
        var failure = "the shutdown timeout passed before the batch was sent"
        var attempt = 0
        while attempt < configuration.maxAttempts {
            guard let timeout = timeLeft(atMost: configuration.exportTimeout) else { break }
            attempt += 1
            let retryable: Bool
            do {
                let response = try await client.execute(HTTPClientRequest(
                    method: "POST", url: configuration.tracesURL, headers: headers, body: body, timeout: timeout
                ))
                if response.isSuccess {
                    state.withLock { $0.statistics.exportedSpans += batch.count }
                    return
                }
                failure = "HTTP \(response.status): \(response.bodyText.prefix(200))"
                retryable = [429, 502, 503, 504].contains(response.status)
            } catch {
                failure = error.description
                retryable = true
            }
            state.withLock { $0.statistics.failedRequests += 1 }
            guard retryable, attempt < configuration.maxAttempts,
                  let delay = timeLeft(atMost: configuration.retryBackoff.delay(attempt: attempt - 1))
            else { break }
            try? await Task.sleep(for: delay)
        }
        state.withLock { $0.statistics.failedSpans += batch.count }
        logger.warning("trace export failed, spans dropped", [
            "otlp.spans": String(batch.count), "otlp.attempts": String(attempt), "error": failure,
        ])
    }

    /// `limit`, shortened to what is left before the shutdown deadline; nil once that has passed.
    private func timeLeft(atMost limit: Duration) -> Duration? {
        guard let deadline = state.withLock({ $0.shutdownDeadline }) else { return limit }
        let left = deadline - ContinuousClock.now
        return left > .zero ? min(limit, left) : nil
    }

    private func reportDrops() {
        let dropped = state.withLock { state in
            defer { state.droppedUnreported = 0 }
            return state.droppedUnreported
        }
        if dropped > 0 {
            logger.warning("trace queue full, spans dropped", ["otlp.spans": String(dropped), "otlp.max_queue_size": String(configuration.maxQueueSize)])
        }
    }
}
