import Telemetry

/// The GPS worker's series on `/metrics`.
struct GPSMetrics: Sendable {
    /// `outcome`: stored, duplicate (already in the table), rejected (failed validation).
    let positions: Counter
    let parked: Counter
    let events: Counter
    /// From ingestion taking a position to its commit: the ingestion lag.
    let lag: Histogram
    let batchSeconds: Histogram
    let batchRetries: Counter

    init(registry: MetricsRegistry) {
        positions = registry.counter("fieldops_gps_positions_total", help: "Positions handled by the GPS workers, by outcome.", labels: ["outcome"])
        parked = registry.counter("fieldops_gps_parked_total", help: "Shard deliveries parked in fieldops.gps.dead.")
        events = registry.counter("fieldops_gps_events_total", help: "Events derived from positions, by kind.", labels: ["kind"])
        lag = registry.histogram(
            "fieldops_gps_ingestion_lag_seconds", help: "From ingestion taking a position to its commit in the tenant database.",
            buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
        )
        batchSeconds = registry.histogram(
            "fieldops_gps_batch_seconds", help: "Time to store one shard batch.", buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5]
        )
        batchRetries = registry.counter("fieldops_gps_batch_retries_total", help: "Shard batches retried after a failure to store them.")
    }
}
