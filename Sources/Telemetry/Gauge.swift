/// A Prometheus gauge: a value that goes up and down (requests in flight, pool size).
public final class Gauge: LabeledMetricFamily {
    /// One labelled series of the gauge; cache it where the label values are fixed.
    public final class Child: Sendable {
        fileprivate let current = AtomicDouble()

        public func set(_ value: Double) { current.store(value) }
        public func increment(by amount: Double = 1) { current.add(amount) }
        public func decrement(by amount: Double = 1) { current.add(-amount) }
        public var value: Double { current.value }
    }

    public let name: String
    public let help: String
    public let series: LabeledSeries<Child>

    init(name: String, help: String, labels: [String]) {
        self.name = name
        self.help = help
        series = LabeledSeries(metricName: name, labelNames: labels) { Child() }
    }

    public func set(_ value: Double, labels values: [String] = []) { series.child(for: values).set(value) }

    public func increment(by amount: Double = 1, labels values: [String] = []) {
        series.child(for: values).increment(by: amount)
    }

    public func decrement(by amount: Double = 1, labels values: [String] = []) {
        series.child(for: values).decrement(by: amount)
    }

    public func render(into out: inout String) {
        out += PrometheusText.singleValueFamily(
            name: name, help: help, type: "gauge", labelNames: series.labelNames,
            samples: series.sorted().map { ($0.values, $0.child.value) }
        )
    }
}
