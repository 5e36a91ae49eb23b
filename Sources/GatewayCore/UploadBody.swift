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

    /// Feeds the body to `hasher`, after whatever it was given before: a spilled body from its file,
    /// a chunk at a time.
    func digest(into hasher: inout SHA256Hasher) throws(HTTPError) {
        switch body {
        case .empty:
            return
        case .bytes(let bytes):
            bytes.withUnsafeBytes { hasher.update($0) }
        case .file(let path, _):
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Self.unreadable }
            defer { close(descriptor) }
            do {
                try hasher.update(file: descriptor)
            } catch {
                throw Self.unreadable
            }
        }
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

    private static let unreadable = HTTPError(status: 500, detail: "The request body could not be read.")
}
