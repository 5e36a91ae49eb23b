import FieldOpsCore

#if canImport(Glibc)
import Glibc
#endif

/// Blobs as files under one root directory: `root/<key>`, and the content type beside it in
/// `root/.content-types/<key>`. A write goes to a temporary file in the same directory, is fsynced,
/// then renamed over the old one and the directory fsynced: after a crash either blob is whole.
///
/// File I/O blocks, so it runs on the store's own thread, never on the cooperative pool.
public final class FileSystemBlobStore: BlobStore {
    public let root: String
    private let io: ThreadExecutor

    public init(root: String) throws(BlobStoreError) {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        do {
            io = try ThreadExecutor(purpose: "blob-store-io")
        } catch {
            throw BlobStoreError(code: .io, message: error.description)
        }
    }

    public func put(file path: String, key: BlobKey, contentType: String) async throws(BlobStoreError) -> BlobMetadata {
        try await onIOThread { [self] () throws(BlobStoreError) in
            let size = try write(key: key) { descriptor throws(BlobStoreError) in try Self.copy(from: path, to: descriptor) }
            try writeContentType(contentType, of: key)
            return BlobMetadata(key: key, size: size, contentType: contentType)
        }
    }

    public func put(bytes: [UInt8], key: BlobKey, contentType: String) async throws(BlobStoreError) -> BlobMetadata {
        try await onIOThread { [self] () throws(BlobStoreError) in
            let size = try write(key: key) { descriptor throws(BlobStoreError) in
                try Self.writeAll(bytes, to: descriptor, path: key.value)
                return Int64(bytes.count)
            }
            try writeContentType(contentType, of: key)
            return BlobMetadata(key: key, size: size, contentType: contentType)
        }
    }

    public func get(_ key: BlobKey) async throws(BlobStoreError) -> [UInt8] {
        try await onIOThread { [self] () throws(BlobStoreError) in
            guard let bytes = try Self.readFile(path(of: key)) else {
                throw BlobStoreError(code: .notFound, message: "no blob \(key)")
            }
            return bytes
        }
    }

    public func download(_ key: BlobKey, to destination: String) async throws(BlobStoreError) {
        try await onIOThread { [self] () throws(BlobStoreError) in
            guard access(path(of: key), F_OK) == 0 else { throw BlobStoreError(code: .notFound, message: "no blob \(key)") }
            try Self.atomicWrite(to: destination) { descriptor throws(BlobStoreError) in try Self.copy(from: path(of: key), to: descriptor) }
        }
    }

    public func head(_ key: BlobKey) async throws(BlobStoreError) -> BlobMetadata? {
        try await onIOThread { [self] () throws(BlobStoreError) in
            var status = stat()
            guard stat(path(of: key), &status) == 0 else {
                if errno == ENOENT { return nil }
                throw Self.ioError("stat", key.value)
            }
            let contentType = try Self.readFile(contentTypePath(of: key)).map { String(decoding: $0, as: UTF8.self) }
            return BlobMetadata(key: key, size: Int64(status.st_size), contentType: contentType ?? "application/octet-stream")
        }
    }

    public func delete(_ key: BlobKey) async throws(BlobStoreError) {
        try await onIOThread { [self] () throws(BlobStoreError) in
            for file in [path(of: key), contentTypePath(of: key)] where unlink(file) != 0 && errno != ENOENT {
                throw Self.ioError("unlink", key.value)
            }
        }
    }

    // MARK: - Files

    private func path(of key: BlobKey) -> String { root + "/" + key.value }

    private func contentTypePath(of key: BlobKey) -> String { root + "/.content-types/" + key.value }

    private func write(key: BlobKey, _ body: (Int32) throws(BlobStoreError) -> Int64) throws(BlobStoreError) -> Int64 {
        try Self.atomicWrite(to: path(of: key), body)
    }

    private func writeContentType(_ contentType: String, of key: BlobKey) throws(BlobStoreError) {
        _ = try Self.atomicWrite(to: contentTypePath(of: key)) { descriptor throws(BlobStoreError) in
            try Self.writeAll(Array(contentType.utf8), to: descriptor, path: key.value)
            return 0
        }
    }

    /// Creates the parent directories, writes a temporary sibling through `body`, fsyncs it, renames
    /// it into place and fsyncs the directory.
    @discardableResult
    private static func atomicWrite(to destination: String, _ body: (Int32) throws(BlobStoreError) -> Int64) throws(BlobStoreError) -> Int64 {
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

    private static func makeDirectories(_ directory: String) throws(BlobStoreError) {
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o750) != 0 && errno != EEXIST { throw ioError("mkdir", path) }
        }
    }

    private static func copy(from source: String, to descriptor: Int32) throws(BlobStoreError) -> Int64 {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else {
            throw errno == ENOENT ? BlobStoreError(code: .notFound, message: "no file \(source)") : ioError("open", source)
        }
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

    private static func writeAll(_ bytes: some Collection<UInt8>, to descriptor: Int32, path: String) throws(BlobStoreError) {
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
    private static func readFile(_ path: String) throws(BlobStoreError) -> [UInt8]? {
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

    private static func ioError(_ operation: String, _ path: String) -> BlobStoreError {
        BlobStoreError(code: .io, message: "\(operation) \(path): \(String(cString: strerror(errno)))")
    }

    private func onIOThread<Value: Sendable>(_ body: @escaping @Sendable () throws(BlobStoreError) -> Value) async throws(BlobStoreError) -> Value {
        let result: Result<Value, BlobStoreError> = await withTaskExecutorPreference(io) {
            do throws(BlobStoreError) {
                return .success(try body())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
