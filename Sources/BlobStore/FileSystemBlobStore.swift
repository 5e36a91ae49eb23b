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
    private let io = BlobIOThread()

    public init(root: String) {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    public func put(file path: String, key: BlobKey, contentType: String) async throws(BlobStoreError) -> BlobMetadata {
        try await io.perform { [self] () throws(BlobStoreError) in
            let size = try LocalFiles.atomicWrite(to: self.path(of: key)) { descriptor throws(BlobStoreError) in
                try LocalFiles.copy(from: path, to: descriptor)
            }
            try writeContentType(contentType, of: key)
            return BlobMetadata(key: key, size: size, contentType: contentType)
        }
    }

    public func put(bytes: [UInt8], key: BlobKey, contentType: String) async throws(BlobStoreError) -> BlobMetadata {
        try await io.perform { [self] () throws(BlobStoreError) in
            let size = try LocalFiles.atomicWrite(to: path(of: key)) { descriptor throws(BlobStoreError) in
                try LocalFiles.writeAll(bytes, to: descriptor, path: key.value)
                return Int64(bytes.count)
            }
            try writeContentType(contentType, of: key)
            return BlobMetadata(key: key, size: size, contentType: contentType)
        }
    }

    public func get(_ key: BlobKey) async throws(BlobStoreError) -> [UInt8] {
        try await io.perform { [self] () throws(BlobStoreError) in
            guard let bytes = try LocalFiles.readFile(path(of: key)) else {
                throw BlobStoreError(code: .notFound, message: "no blob \(key)")
            }
            return bytes
        }
    }

    public func download(_ key: BlobKey, to destination: String) async throws(BlobStoreError) {
        try await io.perform { [self] () throws(BlobStoreError) in
            guard access(path(of: key), F_OK) == 0 else { throw BlobStoreError(code: .notFound, message: "no blob \(key)") }
            try LocalFiles.atomicWrite(to: destination) { descriptor throws(BlobStoreError) in
                try LocalFiles.copy(from: path(of: key), to: descriptor)
            }
        }
    }

    public func head(_ key: BlobKey) async throws(BlobStoreError) -> BlobMetadata? {
        try await io.perform { [self] () throws(BlobStoreError) in
            var status = stat()
            guard stat(path(of: key), &status) == 0 else {
                if errno == ENOENT { return nil }
                throw LocalFiles.ioError("stat", key.value)
            }
            let contentType = try LocalFiles.readFile(contentTypePath(of: key)).map { String(decoding: $0, as: UTF8.self) }
            return BlobMetadata(key: key, size: Int64(status.st_size), contentType: contentType ?? "application/octet-stream")
        }
    }

    public func delete(_ key: BlobKey) async throws(BlobStoreError) {
        try await io.perform { [self] () throws(BlobStoreError) in
            for file in [path(of: key), contentTypePath(of: key)] where unlink(file) != 0 && errno != ENOENT {
                throw LocalFiles.ioError("unlink", key.value)
            }
        }
    }

    // MARK: - Files

    private func path(of key: BlobKey) -> String { root + "/" + key.value }

    private func contentTypePath(of key: BlobKey) -> String { root + "/.content-types/" + key.value }

    private func writeContentType(_ contentType: String, of key: BlobKey) throws(BlobStoreError) {
        try LocalFiles.atomicWrite(to: contentTypePath(of: key)) { descriptor throws(BlobStoreError) in
            try LocalFiles.writeAll(Array(contentType.utf8), to: descriptor, path: key.value)
            return 0
        }
    }
}
