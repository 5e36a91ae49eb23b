import Synchronization

/// What every metric family can do: be named and render itself in the text exposition format.
public protocol MetricFamily: AnyObject, Sendable {
    var name: String { get }
    var help: String { get }
    var labelNames: [String] { get }
    func render(into out: inout String)
}

/// The metrics of one process, rendered for Prometheus at `GET /metrics`.
///
/// Registration is idempotent: asking twice for the same name, kind and labels returns the same
/// family, so two components can share a metric. Asking for a name already registered with another
/// kind or other labels is a programming error and stops the process at start-up.
public final class MetricsRegistry: Sendable {
    private let families = Mutex<[String: any MetricFamily]>([:])

    public init() {}

    public func counter(_ name: String, help: String, labels: [String] = []) -> Counter {
        register(name, labels: labels) { Counter(name: name, help: help, labels: labels) }
    }

    public func gauge(_ name: String, help: String, labels: [String] = []) -> Gauge {
        register(name, labels: labels) { Gauge(name: name, help: help, labels: labels) }
    }

    public func histogram(
        _ name: String, help: String, labels: [String] = [], buckets: [Double] = Histogram.defaultBuckets
    ) -> Histogram {
        register(name, labels: labels) { Histogram(name: name, help: help, labels: labels, buckets: buckets) }
    }

    /// Every family in the text exposition format 0.0.4, families sorted by name.
    public func exposition() -> String {
        let snapshot = families.withLock { $0 }
        var out = ""
        for name in snapshot.keys.sorted() {
            snapshot[name]!.render(into: &out)
        }
        return out
    }

    /// The `Content-Type` of `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private func register<Family: MetricFamily>(
        _ name: String, labels: [String], make: () -> Family
    ) -> Family {
        precondition(PrometheusText.isValidMetricName(name), "invalid metric name '\(name)'")
        return families.withLock { families in
            if let existing = families[name] {
                guard let same = existing as? Family, same.labelNames == labels else {
                    preconditionFailure("metric \(name) is already registered as \(type(of: existing)) with labels \(existing.labelNames)")
                }
                return same
            }
            let family = make()
            families[name] = family
            return family
        }
    }
}
