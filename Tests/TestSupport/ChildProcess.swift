import FieldOpsCore
import Foundation
import Synchronization

/// What a finished child process printed, and how it ended.
public struct ChildProcessResult: Sendable {
    public let status: Int32
    public let output: String
    public let errorOutput: String
}

/// Runs a program to completion on a thread of its own. Waiting for a child on one of the test
/// process's few cooperative threads stalls every other suite running meanwhile.
public enum ChildProcess {
    public static func run(_ executable: URL, arguments: [String] = [], environment: [String: String]? = nil) async throws -> ChildProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            do {
                try DedicatedThread.start(purpose: "a child process") {
                    continuation.resume(with: Result { try runBlocking(executable, arguments: arguments, environment: environment) })
                }
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    private static func runBlocking(_ executable: URL, arguments: [String], environment: [String: String]?) throws -> ChildProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let errorOutput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        try process.run()
        // Standard error is drained on another thread: a child filling one pipe while we read the
        // other would otherwise wait forever.
        let errors = Mutex<Data>(Data())
        let errorsRead = DispatchSemaphore(value: 0)
        try DedicatedThread.start(purpose: "a child's standard error") {
            let data = errorOutput.fileHandleForReading.readDataToEndOfFile()
            errors.withLock { $0 = data }
            errorsRead.signal()
        }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        process.waitUntilExit()
        return ChildProcessResult(
            status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
            errorOutput: String(decoding: errors.withLock { $0 }, as: UTF8.self)
        )
    }
}
