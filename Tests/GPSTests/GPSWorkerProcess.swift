import Foundation
import TestSupport

/// The GPS worker executable as a child process, on a test's own shards and events exchange.
final class GPSWorkerProcess {
    static let executable = TestServices.repositoryRoot.appendingPathComponent(".build/debug/gps-worker")
    private let process = Process()

    init(environment overrides: [String: String]) throws {
        var environment = ProcessInfo.processInfo.environment
        environment.merge(overrides) { _, new in new }
        environment["FIELDOPS_WORKER_ADMIN_PORT"] = "0"
        environment["FIELDOPS_WORKER_LOG_LEVEL"] = "error"
        process.executableURL = Self.executable
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    func kill(_ signal: Int32) {
        _ = Foundation.kill(process.processIdentifier, signal)
    }

    /// SIGTERM, then waits (polling, no blocked thread) for the process to end.
    func stop() async throws {
        guard process.isRunning else { return }
        kill(SIGTERM)
        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(SIGKILL) }
    }
}
