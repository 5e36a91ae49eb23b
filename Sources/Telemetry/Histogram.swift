import Synchronization

/// A Prometheus histogram: observations counted into cumulative `le` buckets, with a sum and count.
public final class Histogram: LabeledMetricFamily {
    /// Latency buckets in seconds, the Prometheus client default (5 ms … 10 s).
    public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// One labelled series of the histogram; cache it where the label values are fixed.
    public final class Child: Sendable {
        struct Snapshot {
            /// Per-bucket (not cumulative) counts; the last slot counts observations above every bound.
            var counts: [UInt64]
            var sum: Double = 0
            var count: UInt64 = 0
        }

        let upperBounds: [Double]
        private let state: Mutex<Snapshot>

        init(upperBounds: [Double]) {
            self.upperBounds = upperBounds
            state = Mutex(Snapshot(counts: Array(repeating: 0, count: upperBounds.count + 1)))
        }

        public func observe(_ value: Double) {
            // `le` is inclusive: a value equal to a bound lands in that bound's bucket.
            let slot = upperBounds.firstIndex { value <= $0 } ?? upperBounds.count
            state.withLock { state in
                state.counts[slot] += 1
                state.sum += value
                state.count += 1
            }
        }

        public func observe(_ duration: Duration) {
            let (seconds, attoseconds) = duration.components
            observe(Double(seconds) + Double(attoseconds) / 1e18)
        }

        var snapshot: Snapshot { state.withLock { $0 } }
    }

    public let name: String
    public let help: String
    public let buckets: [Double]
    public let series: LabeledSeries<Child>

    init(name: String, help: String, labels: [String], buckets: [Double]) {
        precondition(!labels.contains("le"), "histogram \(name): 'le' is reserved for buckets")
        let bounds = buckets.filter { $0 != .infinity }
        precondition(!bounds.isEmpty && zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 },
                     "histogram \(name): buckets must be non-empty and strictly increasing")
        self.name = name
        self.help = help
        self.buckets = bounds
        series = LabeledSeries(metricName: name, labelNames: labels) { Child(upperBounds: bounds) }
    }

    public func observe(_ value: Double, labels values: [String] = []) { series.child(for: values).observe(value) }

    public func observe(_ duration: Duration, labels values: [String] = []) {
        series.child(for: values).observe(duration)
    }

    public func render(into out: inout String) {
        out += PrometheusText.header(name: name, help: help, type: "histogram")
        let bucketLabels = series.labelNames + ["le"]
        for (values, child) in series.sorted() {
            let snapshot = child.snapshot
            var cumulative: UInt64 = 0
            for (index, bound) in (buckets + [.infinity]).enumerated() {
                cumulative += snapshot.counts[index]
                out += name + "_bucket"
                    + PrometheusText.labelSet(names: bucketLabels, values: values + [PrometheusText.number(bound)])
                    + " \(cumulative)\n"
            }
            let labelSet = PrometheusText.labelSet(names: series.labelNames, values: values)
            out += name + "_sum" + labelSet + " " + PrometheusText.number(snapshot.sum) + "\n"
            out += name + "_count" + labelSet + " \(snapshot.count)\n"
        }
    }
}
