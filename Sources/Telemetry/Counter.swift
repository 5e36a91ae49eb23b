/// A Prometheus counter: a value that only goes up (requests served, messages processed).
public final class Counter: LabeledMetricFamily {
    /// One labelled series of the counter; cache it where the label values are fixed.
    public final class Child: Sendable {
        fileprivate let total = AtomicDouble()

        public func increment(by amount: Double = 1) {
            precondition(amount >= 0, "a counter cannot decrease")
            total.add(amount)
        }

        public var value: Double { total.value }
    }

    public let name: String
    public let help: String
    public let series: LabeledSeries<Child>

    init(name: String, help: String, labels: [String]) {
        self.name = name
        self.help = help
        series = LabeledSeries(metricName: name, labelNames: labels) { Child() }
    }

    public func increment(by amount: Double = 1, labels values: [String] = []) {
        series.child(for: values).increment(by: amount)
    }

    public func render(into out: inout String) {
        out += PrometheusText.singleValueFamily(
            name: name, help: help, type: "counter", labelNames: series.labelNames,
            samples: series.sorted().map { ($0.values, $0.child.value) }
        )
    }
}
