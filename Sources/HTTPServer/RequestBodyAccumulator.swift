#if canImport(Glibc)
import Glibc
#endif

/// Collects an upload chunk by chunk: in memory up to a threshold, then in a temporary file,
/// counting bytes past the size limit without storing them.
struct RequestBodyAccumulator {
    enum Failure: Error {
        /// The temporary file could not be created or written (disk full, bad directory).
        case storage(errno: Int32)
    }

    let limit: Int
    let memoryLimit: Int
    let directory: String
    private(set) var received = 0
    private var memory: [UInt8] = []
    private var file: (descriptor: Int32, path: String)?
    private var fileOpen = false

    init(limit: Int, memoryLimit: Int, directory: String) {
        self.limit = limit
        self.memoryLimit = memoryLimit
        self.directory = directory
    }

    var exceedsLimit: Bool { received > limit }

    mutating func append(_ chunk: UnsafeRawBufferPointer) throws(Failure) {
        received += chunk.count
        guard !exceedsLimit else { return }
        if file == nil, memory.count + chunk.count > memoryLimit {
            try spillToFile()
        }
        if let file {
            if let failure = Self.writeAll(chunk, to: file.descriptor) { throw failure }
        } else {
            memory.append(contentsOf: chunk)
        }
    }

    /// The finished body; closes the spill file, which stays on disk until `discard()`.
    mutating func finish() -> RequestBody {
        if let file {
            closeFile()
            return .file(path: file.path, byteCount: received)
        }
        return memory.isEmpty ? .empty : .bytes(memory)
    }

    /// Deletes the spill file, whether or not the request got as far as a handler.
    mutating func discard() {
        guard let file else { return }
        closeFile()
        unlink(file.path)
        self.file = nil
    }

    private mutating func closeFile() {
        if let file, fileOpen {
            close(file.descriptor)
            fileOpen = false
        }
    }

    private mutating func spillToFile() throws(Failure) {
        var template = Array((directory + "/fieldops-body-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .storage(errno: errno) }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        file = (descriptor, path)
        fileOpen = true
        let buffered = memory
        memory = []
        let failure = buffered.withUnsafeBytes { bytes in Self.writeAll(bytes, to: descriptor) }
        if let failure { throw failure }
    }

    /// Nil on success (a result, not a throw, so it can run inside `withUnsafeBytes`).
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Failure? {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return .storage(errno: errno)
            }
            offset += written
        }
        return nil
    }
}
