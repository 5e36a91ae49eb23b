/// What a stored blob is.
public struct BlobMetadata: Sendable, Equatable {
    public var key: BlobKey
    public var size: Int64
    public var contentType: String

    public init(key: BlobKey, size: Int64, contentType: String) {
        self.key = key
        self.size = size
        self.contentType = contentType
    }
}

/// Photos, documents and reports, kept outside the database. Two implementations, chosen by
/// configuration: the local filesystem and S3-compatible storage.
///
/// Writes are atomic: a reader sees the whole previous blob or the whole new one, never a part.
public protocol BlobStore: Sendable {
    /// Stores the file at `path` under `key`, replacing what was there.
    func put(file path: String, key: BlobKey, contentType: String) async throws(BlobStoreError) -> BlobMetadata
    /// Stores `bytes` under `key`, replacing what was there.
    func put(bytes: [UInt8], key: BlobKey, contentType: String) async throws(BlobStoreError) -> BlobMetadata
    /// The whole blob; `.notFound` when there is none.
    func get(_ key: BlobKey) async throws(BlobStoreError) -> [UInt8]
    /// Writes the blob to the file at `path` (replaced atomically).
    func download(_ key: BlobKey, to path: String) async throws(BlobStoreError)
    /// The blob's metadata, or nil when there is none.
    func head(_ key: BlobKey) async throws(BlobStoreError) -> BlobMetadata?
    /// Removes the blob; removing one that is not there is not an error.
    func delete(_ key: BlobKey) async throws(BlobStoreError)
}

/// A store that can hand out time-limited URLs through which anyone holding one reads a blob
/// without credentials (S3 presigned URLs).
public protocol PresignedURLProvider: Sendable {
    /// A URL for `GET` on the blob, valid for `lifetime` from now.
    func presignedGetURL(for key: BlobKey, lifetime: Duration) -> String
}
