#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Where rendered log lines go. A sink must accept lines from any thread.
public protocol LogSink: Sendable {
    func write(_ line: String)
}

/// Standard output, one `write(2)` per line so lines from concurrent threads never interleave.
public final class StandardOutputSink: LogSink {
    public static let shared = StandardOutputSink()

    private let lock = Mutex(())

    public func write(_ line: String) {
        lock.withLock { _ in
            var line = line
            line.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Glibc.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }
}

/// Keeps lines in memory; tests read them back to assert on what was logged.
public final class MemoryLogSink: LogSink {
    private let lines = Mutex<[String]>([])

    public init() {}

    public func write(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    public var recorded: [String] { lines.withLock { $0 } }
}
