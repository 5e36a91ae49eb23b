#if canImport(Glibc)
import Glibc
#endif

enum StandardError {
    static func print(_ message: String) {
        var line = message + "\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}
