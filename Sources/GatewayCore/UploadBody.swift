import BlobStore
import FieldOpsCrypto
import HTTPServer
import PhotoProcessing

#if canImport(Glibc)
import Glibc
#endif

/// A request body handled as an upload, whichever way the server kept it: small ones in memory,
/// large ones in the temporary file the server spilled them to. Every operation reads a spilled
/// body from its file a chunk at a time (or hands the file itself on), so a 100 MiB document costs
/// the gateway a chunk of memory, not 100 MiB; a body in memory takes the same path.
struct UploadBody: Sendable {
    /// How much of a spilled body is read at once.
    static let chunkSize = 1 << 20

    let body: RequestBody

    init(_ request: HTTPRequest) {
        body = request.body
    }

    var byteCount: Int { body.byteCount }
    var isEmpty: Bool { body.byteCount == 0 }

    /// The SHA-256 of the whole body.
    func sha256() throws(HTTPError) -> [UInt8] {
        var hasher = SHA256Hasher()
        try digest(into: &hasher)
        return hasher.finalize()
    }

    /// Feeds the body to `hasher`, after whatever it was given before.
    func digest(into hasher: inout SHA256Hasher) throws(HTTPError) {
        try forEachChunk { hasher.update($0) }
    }

    /// The image's type, by content, and its dimensions, from its header alone.
    func photoHeader(maxPixels: Int) throws(PhotoError) -> PhotoHeader {
        switch body {
        case .empty: try PhotoHeader.inspect([], maxPixels: maxPixels)
        case .bytes(let bytes): try PhotoHeader.inspect(bytes, maxPixels: maxPixels)
        case .file(let path, _): try PhotoHeader.inspect(file: path, maxPixels: maxPixels)
        }
    }

    /// Stores the body under `key`; a spilled body goes to the store straight from its file.
    func store(in blobs: any BlobStore, key: BlobKey, contentType: String) async throws(BlobStoreError) -> BlobMetadata {
        switch body {
        case .empty: try await blobs.put(bytes: [], key: key, contentType: contentType)
        case .bytes(let bytes): try await blobs.put(bytes: bytes, key: key, contentType: contentType)
        case .file(let path, _): try await blobs.put(file: path, key: key, contentType: contentType)
        }
    }

    /// Calls `consume` with the body's bytes in order: at once for a body in memory, `chunkSize`
    /// bytes at a time from a spilled one's file.
    private func forEachChunk(_ consume: (UnsafeRawBufferPointer) -> Void) throws(HTTPError) {
        switch body {
        case .empty:
            return
        case .bytes(let bytes):
            bytes.withUnsafeBytes(consume)
        case .file(let path, _):
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Self.unreadable }
            defer { close(descriptor) }
            var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { throw Self.unreadable }
                if count == 0 { return }
                buffer.withUnsafeBytes { consume(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            }
        }
    }

    private static let unreadable = HTTPError(status: 500, detail: "The request body could not be read.")
}
