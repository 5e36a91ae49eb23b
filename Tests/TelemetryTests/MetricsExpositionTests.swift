import Testing
@testable import Telemetry

@Suite("Prometheus exposition")
struct MetricsExpositionTests {
    @Test func countersAndGaugesRenderWithHelpTypeAndSortedSeries() {
        let registry = MetricsRegistry()
        let requests = registry.counter("fieldops_http_requests_total", help: "Requests served.", labels: ["route", "method", "code"])
        requests.increment(labels: ["/v1/sites", "GET", "200"])
        requests.increment(by: 2, labels: ["/healthz", "GET", "200"])
        let inFlight = registry.gauge("fieldops_http_requests_in_flight", help: "Requests being served.")
        inFlight.increment(by: 3)
        inFlight.decrement()

        #expect(registry.exposition() == """
            # HELP fieldops_http_requests_in_flight Requests being served.
            # TYPE fieldops_http_requests_in_flight gauge
            fieldops_http_requests_in_flight 2
            # HELP fieldops_http_requests_total Requests served.
            # TYPE fieldops_http_requests_total counter
            fieldops_http_requests_total{route="/healthz",method="GET",code="200"} 2
            fieldops_http_requests_total{route="/v1/sites",method="GET",code="200"} 1

            """)
    }

    @Test func labelValuesAndHelpAreEscaped() {
        let registry = MetricsRegistry()
        let counter = registry.counter("odd_total", help: "Back\\slash and\nnewline.", labels: ["value"])
        counter.labels("say \"hi\"\\now\nplease").increment()

        #expect(registry.exposition() == #"""
            # HELP odd_total Back\\slash and\nnewline.
            # TYPE odd_total counter
            odd_total{value="say \"hi\"\\now\nplease"} 1

            """#)
    }

    @Test func histogramBucketsAreCumulativeWithInfSumAndCount() {
        let registry = MetricsRegistry()
        let latency = registry.histogram("job_seconds", help: "Job time.", labels: ["queue"], buckets: [0.1, 0.5, 1])
        let photos = latency.labels("photo")
        for value in [0.05, 0.1, 0.3, 0.7, 2.5] { photos.observe(value) }

        #expect(registry.exposition() == """
            # HELP job_seconds Job time.
            # TYPE job_seconds histogram
            job_seconds_bucket{queue="photo",le="0.1"} 2
            job_seconds_bucket{queue="photo",le="0.5"} 3
            job_seconds_bucket{queue="photo",le="1"} 4
            job_seconds_bucket{queue="photo",le="+Inf"} 5
            job_seconds_sum{queue="photo"} 3.65
            job_seconds_count{queue="photo"} 5

            """)
    }

    @Test func histogramWithoutLabelsUsesDefaultLatencyBuckets() {
        let registry = MetricsRegistry()
        let histogram = registry.histogram("op_seconds", help: "Op.")
        histogram.observe(.milliseconds(20))
        let lines = registry.exposition().split(separator: "\n")
        #expect(lines.contains("op_seconds_bucket{le=\"0.01\"} 0"))
        #expect(lines.contains("op_seconds_bucket{le=\"0.025\"} 1"))
        #expect(lines.contains("op_seconds_bucket{le=\"10\"} 1"))
        #expect(lines.contains("op_seconds_bucket{le=\"+Inf\"} 1"))
        #expect(lines.contains("op_seconds_count 1"))
        #expect(lines.filter { $0.hasPrefix("op_seconds_bucket") }.count == Histogram.defaultBuckets.count + 1)
    }

    @Test func registeringTheSameMetricTwiceReturnsTheSameFamily() {
        let registry = MetricsRegistry()
        let first = registry.counter("shared_total", help: "Shared.", labels: ["a"])
        let second = registry.counter("shared_total", help: "Shared.", labels: ["a"])
        #expect(first === second)
        second.labels("x").increment()
        #expect(first.labels("x").value == 1)
    }

    @Test func concurrentIncrementsFromManyTasksSumExactly() async {
        let registry = MetricsRegistry()
        let counter = registry.counter("hits_total", help: "Hits.", labels: ["worker"])
        let gauge = registry.gauge("level", help: "Level.")
        let histogram = registry.histogram("size", help: "Size.", buckets: [1, 10])
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<64 {
                group.addTask {
                    let child = counter.labels(task.isMultiple(of: 2) ? "even" : "odd")
                    for _ in 0..<1_000 {
                        child.increment()
                        gauge.increment()
                        histogram.observe(5)
                    }
                }
            }
        }
        #expect(counter.labels("even").value == 32_000)
        #expect(counter.labels("odd").value == 32_000)
        #expect(gauge.labels().value == 64_000)
        #expect(registry.exposition().contains("size_bucket{le=\"10\"} 64000\n"))
        #expect(registry.exposition().contains("size_sum 320000\n"))
    }

    @Test func numbersFormatWithoutNeedlessFractions() {
        #expect(PrometheusText.number(3) == "3")
        #expect(PrometheusText.number(0.25) == "0.25")
        #expect(PrometheusText.number(-2) == "-2")
        #expect(PrometheusText.number(.infinity) == "+Inf")
        #expect(PrometheusText.number(.nan) == "NaN")
    }
}
