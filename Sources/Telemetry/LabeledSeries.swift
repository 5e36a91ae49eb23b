import Synchronization

/// The children of one metric family, one per distinct tuple of label values.
///
/// Children are created on first use and never removed, so a handle returned by `child(for:)`
/// stays valid and can be cached on a hot path.
public final class LabeledSeries<Child: Sendable>: Sendable {
    let metricName: String
    let labelNames: [String]
    private let children = Mutex<[[String]: Child]>([:])
    private let makeChild: @Sendable () -> Child

    init(metricName: String, labelNames: [String], makeChild: @escaping @Sendable () -> Child) {
        for label in labelNames {
            precondition(PrometheusText.isValidLabelName(label), "metric \(metricName): invalid label name '\(label)'")
        }
        precondition(Set(labelNames).count == labelNames.count, "metric \(metricName): duplicate label names")
        self.metricName = metricName
        self.labelNames = labelNames
        self.makeChild = makeChild
    }

    func child(for values: [String]) -> Child {
        precondition(
            values.count == labelNames.count,
            "metric \(metricName) declares labels \(labelNames) but got \(values.count) values"
        )
        return children.withLock { children in
            if let existing = children[values] { return existing }
            let created = makeChild()
            children[values] = created
            return created
        }
    }

    /// Children sorted by label values, so the exposition is stable between scrapes.
    func sorted() -> [(values: [String], child: Child)] {
        let snapshot = children.withLock { $0 }
        return snapshot.map { (values: $0.key, child: $0.value) }
            .sorted { $0.values.lexicographicallyPrecedes($1.values) }
    }
}

/// A family whose series are addressed by label values; `labels(...)` returns a cacheable child.
public protocol LabeledMetricFamily: MetricFamily {
    associatedtype Child: Sendable
    var series: LabeledSeries<Child> { get }
}

extension LabeledMetricFamily {
    public var labelNames: [String] { series.labelNames }

    public func labels(_ values: String...) -> Child { series.child(for: values) }

    public func labels(_ values: [String]) -> Child { series.child(for: values) }
}
