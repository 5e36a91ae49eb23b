import Telemetry

extension Router {
    /// `GET /healthz` (the process answers), `GET /metrics` (Prometheus text) and `GET /readyz`
    /// (200 when every readiness check passes, 503 otherwise, with each check's state) — the same
    /// three on every process.
    public mutating func addOperationalRoutes(
        metrics: MetricsRegistry, readiness: [ReadinessCheck], checkTimeout: Duration = .seconds(2)
    ) {
        struct Health: Encodable { let status: String }
        struct Readiness: Encodable {
            let status: String
            let checks: [String: String]
        }

        // Liveness is probed often and never changes: encode it once.
        let healthy = (try? HTTPResponse.json(Health(status: "ok"))) ?? .text("ok")
        get("/healthz") { _ in healthy }
        get("/metrics") { _ in
            .text(metrics.exposition(), contentType: MetricsRegistry.contentType)
        }
        get("/readyz") { _ in
            let states = await ReadinessCheck.evaluate(readiness, timeout: checkTimeout)
            let ready = states.values.allSatisfy { $0 }
            return try .json(
                Readiness(status: ready ? "ready" : "not_ready", checks: states.mapValues { $0 ? "up" : "down" }),
                status: ready ? 200 : 503
            )
        }
    }
}
