import Telemetry

/// The worker series every worker exposes on `/metrics`, labelled by queue.
public struct WorkerMetrics: Sendable {
    /// `outcome`: succeeded, duplicate, retried, parked, requeued.
    let messages: Counter
    let processing: Histogram
    let inFlight: Gauge
    let retries: Counter
    let parked: Counter

    public init(registry: MetricsRegistry) {
        messages = registry.counter("fieldops_worker_messages_total", help: "Messages handled, by queue and outcome.", labels: ["queue", "outcome"])
        processing = registry.histogram(
            "fieldops_worker_processing_seconds", help: "Time from delivery to acknowledgement.", labels: ["queue"],
            buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600]
        )
        inFlight = registry.gauge("fieldops_worker_in_flight", help: "Messages being handled now.", labels: ["queue"])
        retries = registry.counter("fieldops_worker_retries_total", help: "Retries scheduled, by delay tier.", labels: ["queue", "tier"])
        parked = registry.counter("fieldops_worker_parked_total", help: "Messages parked in <queue>.dead.", labels: ["queue"])
    }
}

extension WorkerMetrics {
    /// The series touched for every message of one queue, looked up once instead of per message.
    struct QueueSeries: Sendable {
        let inFlight: Gauge.Child
        let processing: Histogram.Child
        let succeeded: Counter.Child
    }

    func series(for queue: String) -> QueueSeries {
        QueueSeries(inFlight: inFlight.labels(queue), processing: processing.labels(queue), succeeded: messages.labels(queue, "succeeded"))
    }
}
