import Foundation
import TestSupport

/// The fixture worker as a child process.
final class WorkerProcess {
    static let executable = TestServices.repositoryRoot.appendingPathComponent(".build/debug/MeshTestWorker")
    private let process = Process()

    init(queue: String, table: String, concurrency: Int, prefetch: Int, graceMilliseconds: Int = 10_000) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["FIELDOPS_TEST_QUEUE"] = queue
        environment["FIELDOPS_TEST_EFFECTS_TABLE"] = table
        environment["FIELDOPS_TEST_POSTGRES_URL"] = TestServices.postgresURL
        environment["FIELDOPS_POSTGRES_URL"] = TestServices.postgresURL
        environment["FIELDOPS_AMQP_URL"] = TestServices.amqpURL
        environment["FIELDOPS_WORKER_ADMIN_PORT"] = "0"
        environment["FIELDOPS_WORKER_CONCURRENCY"] = String(concurrency)
        environment["FIELDOPS_WORKER_PREFETCH"] = String(prefetch)
        environment["FIELDOPS_WORKER_SHUTDOWN_GRACE_MS"] = String(graceMilliseconds)
        environment["FIELDOPS_WORKER_LOG_LEVEL"] = "warning"
        process.executableURL = Self.executable
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func kill(_ signal: Int32) {
        _ = Foundation.kill(process.processIdentifier, signal)
    }

    /// The exit status once the process ended, polling so no thread is blocked.
    func exitStatus(within timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }
}
