import Foundation
import Testing
import Telemetry

@Suite("Logger JSON lines")
struct LoggerOutputTests {
    private func parse(_ line: String) throws -> [String: Any] {
        #expect(line.hasSuffix("\n") && line.dropLast().firstIndex(of: "\n") == nil)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func eachLineIsOneJSONObjectWithLevelLabelMessageAndMetadata() throws {
        let sink = MemoryLogSink()
        let logger = Logger(label: "gateway", sink: sink).with("request.id", "abc-123")
        logger.info("served", ["http.status": "200"])
        let fields = try parse(try #require(sink.recorded.first))
        #expect(fields["level"] as? String == "info")
        #expect(fields["logger"] as? String == "gateway")
        #expect(fields["msg"] as? String == "served")
        #expect(fields["request.id"] as? String == "abc-123")
        #expect(fields["http.status"] as? String == "200")
        let timestamp = try #require(fields["ts"] as? String)
        #expect(ISO8601DateFormatter().date(from: timestamp.replacingOccurrences(of: #"\.\d{3}"#, with: "", options: .regularExpression)) != nil)
    }

    @Test func quotesControlCharactersAndUnicodeSurviveEscaping() throws {
        let sink = MemoryLogSink()
        let message = "line1\nline2\t\"quoted\" back\\slash \u{01} café 🚧"
        Logger(label: "t", sink: sink).warning(message, ["weird \"key\"": "value\r\n"])
        let fields = try parse(try #require(sink.recorded.first))
        #expect(fields["msg"] as? String == message)
        #expect(fields["weird \"key\""] as? String == "value\r\n")
    }

    @Test func levelsBelowTheThresholdAreDropped() {
        let sink = MemoryLogSink()
        let logger = Logger(label: "t", level: .warning, sink: sink)
        logger.info("hidden")
        logger.debug("hidden")
        logger.error("shown")
        #expect(sink.recorded.count == 1)
        #expect(sink.recorded.first?.contains("\"level\":\"error\"") == true)
    }
}
