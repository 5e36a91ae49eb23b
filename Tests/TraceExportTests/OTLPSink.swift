import FieldOpsCore
import Foundation

/// `scripts/otlp/sink.py` run as a child process: a real OTLP/HTTP receiver that decodes every
/// request with the OpenTelemetry protobuf schema and records the spans it accepted.
final class OTLPSink {
    /// One span as the sink decoded it.
    struct ReceivedSpan: Decodable {
        let traceId: String
        let spanId: String
        let parentSpanId: String
        let traceState: String
        let name: String
        let kind: Int
        let startTimeUnixNano: UInt64
        let endTimeUnixNano: UInt64
        let attributes: [String: JSONValue]
        let events: [String]
        let statusCode: Int
        let statusMessage: String
        let serviceName: String?
        let scopeName: String
        let contentType: String
        let headers: [String: String]
    }

    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    private let process: Process
    /// The sink exits when this closes, even if this process dies before `deinit`.
    private let input = Pipe()
    private let output: URL

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        output = FileManager.default.temporaryDirectory.appendingPathComponent("otlp-sink-\(UUID().uuidString).jsonl")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/otlp/sink.py").path, output.path]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = input
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // The sink prints its port once it listens; EOF first means it failed (e.g. a missing module).
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty {
                process.waitUntilExit()
                let reason = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw StartFailure(description: "scripts/otlp/sink.py exited before listening: \(reason)")
            }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw StartFailure(description: "scripts/otlp/sink.py printed no port: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: output)
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Every span accepted so far, in arrival order.
    func spans() throws -> [ReceivedSpan] {
        guard let data = FileManager.default.contents(atPath: output.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(ReceivedSpan.self, from: Data($0)) }
    }
}
