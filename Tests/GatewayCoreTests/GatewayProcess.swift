import Foundation
import TestSupport
import Testing

/// The gateway executable as a child process, configured like `GatewayHarness` plus `overrides`,
/// for what only a separate process shows: its own peak memory.
final class GatewayProcess {
    static let executable = TestServices.repositoryRoot.appendingPathComponent(".build/debug/gateway")
    private let process = Process()
    /// Its standard output: one JSON log object per line, the listening port among them.
    private let logPath: String
    let port: Int

    private init(overrides: [String: String]) async throws {
        var environment = GatewayHarness.environment(overrides: overrides)
        // Info level: the "http server listening" line carries the port the system chose.
        environment["FIELDOPS_GATEWAY_LOG_LEVEL"] = "info"
        environment["FIELDOPS_GATEWAY_OPENAPI_PATH"] = TestServices.repositoryRoot.appendingPathComponent("docs/openapi.json").path
        logPath = NSTemporaryDirectory() + TestServices.uniqueName("gateway-log")
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = Self.executable
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try process.run()
        var found: Int?
        let deadline = ContinuousClock.now + .seconds(30)
        while found == nil, process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            found = Self.listeningPort(in: logPath)
        }
        guard let found else {
            kill(process.processIdentifier, SIGKILL)
            throw GatewayProcessError(log: (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
        }
        port = found
    }

    /// Starts a gateway, runs `body` with it, then stops it whatever happened.
    static func with<Value>(overrides: [String: String], _ body: (GatewayProcess) async throws -> Value) async throws -> Value {
        let gateway = try await GatewayProcess(overrides: overrides)
        let result: Result<Value, any Error>
        do {
            result = .success(try await body(gateway))
        } catch {
            result = .failure(error)
        }
        await gateway.stop()
        return try result.get()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The process's peak resident memory so far (`VmHWM` of /proc/<pid>/status), in bytes.
    func peakResidentBytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let kilobytes = try #require(line.split(separator: " ").dropFirst().first.flatMap { Int($0) })
        return kilobytes * 1024
    }

    /// SIGTERM, then waits (polling, no blocked thread) for the process to end.
    private func stop() async {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: logPath)
    }

    private static func listeningPort(in logPath: String) -> Int? {
        guard let log = try? String(contentsOfFile: logPath, encoding: .utf8) else { return nil }
        for line in log.split(separator: "\n") {
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  entry["msg"] as? String == "http server listening",
                  let port = (entry["http.port"] as? String).flatMap(Int.init) else { continue }
            return port
        }
        return nil
    }
}

struct GatewayProcessError: Error, CustomStringConvertible {
    let log: String
    var description: String { "the gateway did not start listening; its output:\n\(log)" }
}
