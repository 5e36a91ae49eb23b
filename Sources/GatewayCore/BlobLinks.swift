import BlobStore
#if canImport(Glibc)
import Glibc
#endif

/// Short-lived links to stored evidence: the store's own presigned URLs when it has them (S3),
/// else `GET /v1/blobs` links the gateway signs and serves itself.
struct BlobLinks: Sendable {
    let blobs: any BlobStore
    let signer: BlobURLSigner
    let lifetime: Duration

    init(blobs: any BlobStore, settings: PhotoUploadSettings) {
        self.blobs = blobs
        signer = settings.urlSigner
        lifetime = settings.signedURLLifetime
    }

    var lifetimeSeconds: Int { Int(lifetime.components.seconds) }

    /// A link to `key` valid for `lifetime` from now; nil when there is no (valid) key yet.
    func url(_ key: String?) -> String? {
        guard let key, let blobKey = try? BlobKey(key) else { return nil }
        return (blobs as? PresignedURLProvider)?.presignedGetURL(for: blobKey, lifetime: lifetime)
            ?? signer.url(for: blobKey, expires: Int64(time(nil)) + lifetime.components.seconds)
    }
}
