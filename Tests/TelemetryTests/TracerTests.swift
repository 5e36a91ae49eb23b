import Telemetry
import Testing

@Suite("Spans and tracer")
struct TracerTests {
    struct HandlerFailure: Error, CustomStringConvertible {
        var description: String { "tenant database unavailable" }
    }

    @Test("a span started from a context joins its trace as a child of the span that made it")
    func childOfIncomingContext() throws {
        let exporter = MemorySpanExporter()
        let tracer = Tracer(exporter: exporter)
        let incoming = try #require(TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", tracestate: "rojo=1"))
        let span = tracer.startSpan(name: "GET /v1/sites", kind: .server, parent: incoming, attributes: ["tenant": "acme"])
        span.setAttribute("http.response.status_code", 200)
        span.end(status: .ok)

        let finished = try #require(exporter.finished.first)
        #expect(exporter.finished.count == 1)
        #expect(finished.context.traceID == incoming.traceID)
        #expect(finished.context.spanID != incoming.spanID)
        #expect(finished.context.tracestate == "rojo=1")
        #expect(finished.parentSpanID == incoming.spanID)
        #expect(finished.kind == .server)
        #expect(finished.status == .ok)
        #expect(finished.attributes == ["tenant": "acme", "http.response.status_code": 200])
        #expect(finished.startTimeUnixNano <= finished.endTimeUnixNano)
        #expect(span.context.traceparent == "00-4bf92f3577b34da6a3ce929d0e0e4736-\(finished.context.spanID.hex)-01")
    }

    @Test("without a parent a span starts a new, sampled trace")
    func rootSpan() throws {
        let exporter = MemorySpanExporter()
        let span = Tracer(exporter: exporter).startSpan(name: "nightly report", parent: nil)
        span.end()
        let finished = try #require(exporter.finished.first)
        #expect(finished.parentSpanID == nil)
        #expect(finished.context.traceID.isValid && finished.context.isSampled)
        #expect(finished.kind == .internal)
        #expect(finished.status == .unset)
    }

    @Test("a span is exported once, and nothing changes it after it ended")
    func endIsFinal() throws {
        let exporter = MemorySpanExporter()
        let span = Tracer(exporter: exporter).startSpan(name: "publish", kind: .producer, parent: nil)
        span.addEvent("confirm received", attributes: ["delivery.tag": 7])
        span.end(status: .error(message: "nack"))
        span.setAttribute("late", true)
        span.addEvent("late")
        span.end(status: .ok)

        #expect(exporter.finished.count == 1)
        let finished = try #require(exporter.finished.first)
        #expect(finished.status == .error(message: "nack"))
        #expect(finished.attributes.isEmpty)
        #expect(finished.events.map(\.name) == ["confirm received"])
        #expect(finished.events.first?.attributes == ["delivery.tag": 7])
    }

    @Test("the no-op tracer still makes propagatable ids but records nothing")
    func noop() throws {
        let parent = TraceContext.random()
        let span = Tracer.noop.startSpan(name: "ignored", parent: parent, attributes: ["a": 1])
        #expect(!Tracer.noop.isRecording && !span.isRecording)
        #expect(span.context.traceID == parent.traceID && span.context.spanID != parent.spanID)
        #expect(span.parentSpanID == parent.spanID)
        span.end()
    }

    @Test("an unsampled parent gives an unsampled span that is propagated but not exported")
    func unsampled() throws {
        let exporter = MemorySpanExporter()
        let parent = try #require(TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"))
        let span = Tracer(exporter: exporter).startSpan(name: "not sampled", parent: parent)
        span.end()
        #expect(!span.isRecording)
        #expect(span.context.traceparent.hasSuffix("-00"))
        #expect(exporter.finished.isEmpty)
    }

    @Test("withSpan ends the span ok on return and with the error on throw, rethrowing it")
    func withSpan() async throws {
        let exporter = MemorySpanExporter()
        let tracer = Tracer(exporter: exporter)
        let parent = TraceContext.random()
        let value = await tracer.withSpan(name: "load", parent: parent) { span in span.context.traceID == parent.traceID }
        #expect(value)
        await #expect(throws: HandlerFailure.self) {
            try await tracer.withSpan(name: "handle", kind: .consumer, parent: parent) { _ throws(HandlerFailure) in throw HandlerFailure() }
        }
        #expect(exporter.finished.map(\.status) == [.ok, .error(message: "tenant database unavailable")])
        #expect(exporter.finished.allSatisfy { $0.parentSpanID == parent.spanID })
    }
}
