import Telemetry

/// The server's metric families, registered once per server.
struct HTTPServerMetrics: Sendable {
    let duration: Histogram
    let inFlight: Gauge.Child

    init(registry: MetricsRegistry) {
        duration = registry.histogram(
            "fieldops_http_request_duration_seconds",
            help: "Time from request headers to response completion, by route template, method and status.",
            labels: ["route", "method", "code"]
        )
        inFlight = registry.gauge("fieldops_http_requests_in_flight", help: "Requests being received, handled or sent.").labels()
    }
}
