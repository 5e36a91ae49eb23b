import Testing
import Telemetry

@Suite("W3C trace context")
struct TraceContextTests {
    @Test func parsesTheSpecificationExample() throws {
        let context = try #require(TraceContext(
            traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", tracestate: "rojo=00f067aa0ba902b7"
        ))
        #expect(context.traceID.hex == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(context.spanID.hex == "00f067aa0ba902b7")
        #expect(context.isSampled)
        #expect(context.tracestate == "rojo=00f067aa0ba902b7")
        #expect(context.traceparent == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    }

    @Test func parsesAnUnsampledContext() throws {
        let context = try #require(TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"))
        #expect(!context.isSampled)
    }

    @Test func acceptsAFutureVersionWithExtraFields() throws {
        let context = try #require(TraceContext(traceparent: "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds"))
        #expect(context.traceparent == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    }

    @Test(arguments: [
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // uppercase
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", // trace id too short
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01", // parent id too short
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1", // flags too short
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 has no extra fields
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.", // future version, bad separator
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", // wrong delimiters
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902g7-01", // non-hex
        "0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version too short
        "",
    ])
    func rejectsInvalidTraceparent(_ header: String) {
        #expect(TraceContext(traceparent: header) == nil)
    }

    @Test func randomAndChildContextsAreWellFormed() throws {
        let root = TraceContext.random()
        #expect(root.traceID.isValid && root.spanID.isValid && root.isSampled)
        let child = root.child()
        #expect(child.traceID == root.traceID)
        #expect(child.spanID != root.spanID)
        let reparsed = try #require(TraceContext(traceparent: child.traceparent))
        #expect(reparsed.traceID == child.traceID && reparsed.spanID == child.spanID)
        #expect(TraceContext.random().traceID != root.traceID)
    }
}
