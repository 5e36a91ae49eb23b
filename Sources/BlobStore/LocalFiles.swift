import FieldOpsCore
import FieldOpsCrypto
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The blocking file operations the stores share: atomic replacement (temporary sibling, fsync,
/// rename, directory fsync), whole and ranged reads. Callers run them on a `ThreadExecutor`.
enum LocalFiles {
    /// Creates the parent directories, writes a temporary sibling through `body`, fsyncs it, renames
    /// it into place and fsyncs the directory.
    @discardableResult
    static func atomicWrite(to destination: String, _ body: (Int32) throws(BlobStoreError) -> Int64) throws(BlobStoreError) -> Int64 {
        let directory = String(destination[..<(destination.lastIndex(of: "/") ?? destination.startIndex)])
        try makeDirectories(directory)
        let temporary = destination + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw ioError("open", temporary) }
        let size: Int64
        do throws(BlobStoreError) {
            size = try body(descriptor)
            guard fsync(descriptor) == 0 else { throw ioError("fsync", temporary) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, destination) == 0 else {
            let failure = ioError("rename", destination)
            unlink(temporary)
            throw failure
        }
        let directoryDescriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
        return size
    }

    static func makeDirectories(_ directory: String) throws(BlobStoreError) {
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o750) != 0 && errno != EEXIST { throw ioError("mkdir", path) }
        }
    }

    static func copy(from source: String, to descriptor: Int32) throws(BlobStoreError) -> Int64 {
        let input = try openForReading(source)
        defer { close(input) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total: Int64 = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ioError("read", source)
            }
            if count == 0 { return total }
            try writeAll(buffer[..<count], to: descriptor, path: source)
            total += Int64(count)
        }
    }

    static func writeAll(_ bytes: some Collection<UInt8>, to descriptor: Int32, path: String) throws(BlobStoreError) {
        let chunk = Array(bytes)
        var offset = 0
        while offset < chunk.count {
            let written = chunk.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, chunk.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ioError("write", path)
            }
            offset += written
        }
    }

    /// The file's bytes, or nil when it does not exist.
    static func readFile(_ path: String) throws(BlobStoreError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw ioError("open", path)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ioError("read", path)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[..<count])
        }
    }

    /// The hex SHA-256 of `count` bytes from `offset`; a file shorter than that is an error (it
    /// shrank since its size was taken).
    static func sha256Hex(of path: String, offset: Int64, count: Int64) throws(BlobStoreError) -> String {
        let descriptor = try openForReading(path)
        defer { close(descriptor) }
        var hasher = SHA256Hasher()
        do {
            try hasher.update(file: descriptor, offset: offset, count: count)
        } catch {
            switch error {
            case .unreadable: throw ioError("read", path)
            case .endedEarly: throw BlobStoreError(code: .io, message: "\(path) shrank while it was uploaded")
            }
        }
        return Hex.encode(hasher.finalize())
    }

    static func size(of path: String) throws(BlobStoreError) -> Int64 {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw errno == ENOENT ? BlobStoreError(code: .notFound, message: "no file \(path)") : ioError("stat", path)
        }
        return Int64(status.st_size)
    }

    private static func openForReading(_ path: String) throws(BlobStoreError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw errno == ENOENT ? BlobStoreError(code: .notFound, message: "no file \(path)") : ioError("open", path)
        }
        return descriptor
    }

    static func ioError(_ operation: String, _ path: String) -> BlobStoreError {
        BlobStoreError(code: .io, message: "\(operation) \(path): \(String(cString: strerror(errno)))")
    }
}

/// The thread a store runs its blocking file work on, started at first use: making a store cannot
/// fail, and a process that never touches a file never starts it.
final class BlobIOThread: Sendable {
    private let executor = Mutex<ThreadExecutor?>(nil)

    /// Runs `body` on this thread, never on the cooperative pool.
    func perform<Value: Sendable>(_ body: @escaping @Sendable () throws(BlobStoreError) -> Value) async throws(BlobStoreError) -> Value {
        let io = try started()
        let result: Result<Value, BlobStoreError> = await withTaskExecutorPreference(io) {
            do throws(BlobStoreError) {
                return .success(try body())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func started() throws(BlobStoreError) -> ThreadExecutor {
        try executor.withLock { (current: inout ThreadExecutor?) throws(BlobStoreError) -> ThreadExecutor in
            if let current { return current }
            do throws(ThreadStartError) {
                let started = try ThreadExecutor(purpose: "blob-store-io")
                current = started
                return started
            } catch {
                throw BlobStoreError(code: .io, message: error.description)
            }
        }
    }
}
