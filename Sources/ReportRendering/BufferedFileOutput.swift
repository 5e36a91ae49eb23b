#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends bytes to a new file through a 64 KiB buffer.
final class BufferedFileOutput {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private let path: String
    private var closed = false

    init(path: String) throws(ReportRenderingError) {
        guard let file = fopen(path, "wb") else { throw .output("cannot create \(path): \(String(cString: strerror(errno)))") }
        self.file = file
        self.path = path
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !closed { fclose(file) }
    }

    func write(_ text: String) throws(ReportRenderingError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func close() throws(ReportRenderingError) {
        try flush()
        closed = true
        guard fclose(file) == 0 else { throw .output("cannot close \(path): \(String(cString: strerror(errno)))") }
    }

    private func flush() throws(ReportRenderingError) {
        guard !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else { throw .output("cannot write \(path): \(String(cString: strerror(errno)))") }
        buffer.removeAll(keepingCapacity: true)
    }
}
