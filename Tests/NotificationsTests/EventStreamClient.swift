import FieldOpsCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A live `text/event-stream` reader: curl with buffering off, its output collected as it arrives.
final class EventStreamClient: Sendable {
    private let process = Process()
    private let received = Mutex("")

    init(url: String, token: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sN", "--max-time", "60", "-H", "Authorization: Bearer \(token)", url]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        try DedicatedThread.start(purpose: "an event-stream reader") { [self] in
            while case let chunk = output.fileHandleForReading.availableData, !chunk.isEmpty {
                received.withLock { $0 += String(decoding: chunk, as: UTF8.self) }
            }
        }
    }

    var text: String { received.withLock { $0 } }

    func close() {
        // SIGKILL: a child inherits the test process's blocked SIGTERM (TerminationSignals) and would ignore it.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
