import Telemetry

/// A logger whose lines stay in memory, so a test can assert that a warning was written.
struct TestLogs {
    let sink = MemoryLogSink()
    var logger: Logger { Logger(label: "tests", level: .info, sink: sink) }

    func contains(_ message: String) -> Bool {
        sink.recorded.contains { $0.contains(#""msg":"\#(message)""#) }
    }
}
