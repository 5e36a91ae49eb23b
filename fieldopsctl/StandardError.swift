#if canImport(Glibc)
import Glibc
#endif
import Telemetry

enum StandardError {
    static func print(_ message: String) {
        write(message + "\n")
    }

    static func write(_ text: String) {
        var text = text
        text.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
}

/// Logs of operator commands go to standard error, so standard output stays the command's own
/// output (a token, a JSON array) that scripts can capture.
struct StandardErrorLogSink: LogSink {
    func write(_ line: String) { StandardError.write(line) }
}

extension Logger {
    static let commandLine = Logger(label: "fieldopsctl", level: .warning, sink: StandardErrorLogSink())
}
