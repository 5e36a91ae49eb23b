import FieldOpsCore
import Foundation
import Telemetry
import Testing
import TraceExport

/// Against scripts/otlp/sink.py, which decodes each request with the real OTLP protobuf schema.
@Suite("OTLP/HTTP trace export")
struct OTLPExporterTests {
    @Test("a server span and its consumer child reach the collector with their ids, parentage, attributes and resource")
    func exportsParentAndChild() async throws {
        let sink = try OTLPSink()
        let serviceName = "gateway-\(UUID().uuidString.prefix(8))"
        let configuration = try #require(try OTLPExporterConfiguration(
            environment: Environment([
                "OTEL_EXPORTER_OTLP_ENDPOINT": sink.endpoint + "/",
                "OTEL_SERVICE_NAME": serviceName,
                "OTEL_EXPORTER_OTLP_HEADERS": "authorization=Bearer%20abc%3D%3D, x-tenant=acme",
                "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=test",
            ]),
            defaultServiceName: "unused"
        ))
        let logs = TestLogs()
        let exporter = OTLPExporter(configuration: configuration, logger: logs.logger)
        let tracer = Tracer(exporter: exporter)

        let incoming = try #require(TraceContext(
            traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", tracestate: "rojo=00f067aa0ba902b7"
        ))
        let server = tracer.startSpan(name: "POST /v1/photos", kind: .server, parent: incoming, attributes: [
            "http.request.method": "POST", "http.response.status_code": 202, "tenant": "acme",
        ])
        // The worker side: what arrives in the message's traceparent header is the server span's context.
        let propagated = try #require(TraceContext(traceparent: server.context.traceparent))
        let consumer = tracer.startSpan(name: "photo.watermark \"é\"\n", kind: .consumer, parent: propagated, attributes: [
            "messaging.destination.name": "photo.watermark", "messaging.message.body.size": 1234,
            "photo.ratio": 1.5, "inbox.duplicate": false, "clock.skew": -5, "gps.accuracy": .double(-.infinity),
        ])
        consumer.addEvent("retry scheduled", attributes: ["retry.attempt": 2])
        consumer.end(status: .error(message: "vips failed: \"bad\" input"))
        server.end(status: .ok)
        await exporter.shutdown()

        let spans = try sink.spans()
        try #require(spans.count == 2)
        let (child, parent) = (spans[0], spans[1])
        #expect(parent.traceId == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(child.traceId == parent.traceId)
        #expect(parent.parentSpanId == "00f067aa0ba902b7")
        #expect(parent.spanId == server.context.spanID.hex)
        #expect(child.parentSpanId == parent.spanId)
        #expect(child.spanId == consumer.context.spanID.hex)
        #expect(child.spanId != parent.spanId)
        #expect(parent.traceState == "rojo=00f067aa0ba902b7")

        #expect(parent.name == "POST /v1/photos")
        #expect(parent.kind == 2)
        #expect(parent.statusCode == 1)
        #expect(parent.attributes == ["http.request.method": "POST", "http.response.status_code": 202, "tenant": "acme"])
        #expect(child.name == "photo.watermark \"é\"\n")
        #expect(child.kind == 5)
        #expect(child.statusCode == 2)
        #expect(child.statusMessage == "vips failed: \"bad\" input")
        #expect(child.attributes == [
            "messaging.destination.name": "photo.watermark", "messaging.message.body.size": 1234,
            "photo.ratio": 1.5, "inbox.duplicate": false, "clock.skew": -5, "gps.accuracy": "-Infinity",
        ])
        #expect(child.events == ["retry scheduled"])
        #expect(child.startTimeUnixNano > 0 && child.startTimeUnixNano <= child.endTimeUnixNano)

        for span in spans {
            #expect(span.serviceName == serviceName)
            #expect(span.scopeName == "fieldops360")
            #expect(span.contentType == "application/json")
            #expect(span.headers["authorization"] == "Bearer abc==")
            #expect(span.headers["x-tenant"] == "acme")
        }
        #expect(exporter.statistics == OTLPExporterStatistics(exportedSpans: 2))
        #expect(logs.sink.recorded.isEmpty)
    }

    @Test("a full batch is sent at once, without waiting for the flush interval")
    func fullBatchIsSentEarly() async throws {
        let sink = try OTLPSink()
        var configuration = OTLPExporterConfiguration(endpoint: sink.endpoint, serviceName: "worker")
        configuration.flushInterval = .seconds(3600)
        configuration.maxBatchSize = 3
        let exporter = OTLPExporter(configuration: configuration, logger: TestLogs().logger)
        let tracer = Tracer(exporter: exporter)
        for index in 0..<3 {
            tracer.startSpan(name: "span-\(index)", parent: nil).end()
        }
        let sent = await eventually { exporter.statistics.exportedSpans == 3 }
        #expect(sent)
        #expect(try sink.spans().map(\.name) == ["span-0", "span-1", "span-2"])
        await exporter.shutdown()
    }

    @Test("spans are sent when the flush interval passes, without a full batch")
    func flushIntervalSends() async throws {
        let sink = try OTLPSink()
        var configuration = OTLPExporterConfiguration(endpoint: sink.endpoint, serviceName: "worker")
        configuration.flushInterval = .milliseconds(50)
        let exporter = OTLPExporter(configuration: configuration, logger: TestLogs().logger)
        Tracer(exporter: exporter).startSpan(name: "lonely", parent: nil).end()
        let sent = await eventually { exporter.statistics.exportedSpans == 1 }
        #expect(sent)
        #expect(try sink.spans().map(\.name) == ["lonely"])
        await exporter.shutdown()
    }

    @Test("a collector that cannot be reached is retried, then the batch is dropped, counted and logged")
    func closedPort() async throws {
        var configuration = OTLPExporterConfiguration(endpoint: "http://127.0.0.1:1", serviceName: "worker")
        configuration.maxAttempts = 3
        configuration.retryBackoff = Backoff(initial: .milliseconds(1), maximum: .milliseconds(5))
        let logs = TestLogs()
        let exporter = OTLPExporter(configuration: configuration, logger: logs.logger)
        let tracer = Tracer(exporter: exporter)
        tracer.startSpan(name: "a", kind: .server, parent: nil).end()
        tracer.startSpan(name: "b", kind: .consumer, parent: nil).end()
        await exporter.shutdown(timeout: .seconds(20))

        #expect(exporter.statistics == OTLPExporterStatistics(failedSpans: 2, failedRequests: 3))
        #expect(logs.contains("trace export failed, spans dropped"))
    }

    @Test("a request the collector refuses (404) is not retried")
    func refusedRequestIsNotRetried() async throws {
        let sink = try OTLPSink()
        var configuration = OTLPExporterConfiguration(tracesURL: sink.endpoint + "/v1/elsewhere", serviceName: "worker")
        configuration.retryBackoff = Backoff(initial: .milliseconds(1), maximum: .milliseconds(5))
        let logs = TestLogs()
        let exporter = OTLPExporter(configuration: configuration, logger: logs.logger)
        Tracer(exporter: exporter).startSpan(name: "a", parent: nil).end()
        await exporter.shutdown()

        #expect(exporter.statistics == OTLPExporterStatistics(failedSpans: 1, failedRequests: 1))
        #expect(logs.sink.recorded.contains { $0.contains("HTTP 404") })
    }

    @Test("past the queue bound spans are dropped and counted; the queued ones are still sent at shutdown")
    func queueOverflow() async throws {
        let sink = try OTLPSink()
        var configuration = OTLPExporterConfiguration(endpoint: sink.endpoint, serviceName: "worker")
        configuration.maxQueueSize = 3
        configuration.flushInterval = .seconds(3600)
        let logs = TestLogs()
        let exporter = OTLPExporter(configuration: configuration, logger: logs.logger)
        let tracer = Tracer(exporter: exporter)
        for index in 0..<10 {
            tracer.startSpan(name: "span-\(index)", parent: nil).end()
        }
        #expect(exporter.statistics == OTLPExporterStatistics(droppedSpans: 7, pendingSpans: 3))
        await exporter.shutdown()

        #expect(try sink.spans().map(\.name) == ["span-0", "span-1", "span-2"])
        #expect(logs.contains("trace queue full, spans dropped"))
        tracer.startSpan(name: "after shutdown", parent: nil).end()
        #expect(exporter.statistics == OTLPExporterStatistics(exportedSpans: 3, droppedSpans: 8))
    }

    /// Polls `condition` until it holds, for at most 20 s: for effects of the background send loop.
    private func eventually(_ condition: () throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try condition()
    }
}
