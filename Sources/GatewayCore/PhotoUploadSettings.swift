import BlobStore
import FieldOpsCore
import FieldOpsCrypto

/// What the gateway accepts as a photo upload and how it signs blob links, read once from the environment.
public struct PhotoUploadSettings: Sendable {
    /// Larger uploads are refused with `413` before their header is read.
    public var maxBytes: Int
    /// Uploads whose header announces more pixels are refused with `422`, before any decode.
    public var maxPixels: Int
    /// How long the signed URLs of the photo list stay valid.
    public var signedURLLifetime: Duration
    /// Signs the URLs the gateway serves itself when the blob store cannot presign them.
    public var urlSigner: BlobURLSigner

    public init(
        urlSigner: BlobURLSigner, maxBytes: Int = 15 << 20, maxPixels: Int = 50_000_000,
        signedURLLifetime: Duration = .seconds(300)
    ) {
        self.urlSigner = urlSigner
        self.maxBytes = maxBytes
        self.maxPixels = maxPixels
        self.signedURLLifetime = signedURLLifetime
    }

    /// `BlobStoreConfiguration` variables, `FIELDOPS_PHOTO_MAX_BYTES` (15 MiB), `FIELDOPS_PHOTO_MAX_PIXELS`
    /// (50 000 000, shared with the worker) and `FIELDOPS_PHOTO_URL_TTL_SECONDS` (300, at most 7 days).
    /// The URL signing key is derived from `FIELDOPS_TOKEN_SIGNING_SEED`, so there is no second secret
    /// to distribute and rotating the seed revokes every outstanding link.
    public init(environment: Environment) throws(ConfigurationError) {
        let lifetime = try environment.int("FIELDOPS_PHOTO_URL_TTL_SECONDS", default: 300)
        guard (1...604_800).contains(lifetime) else {
            throw ConfigurationError(variable: "FIELDOPS_PHOTO_URL_TTL_SECONDS", value: "\(lifetime)", expected: "1 to 604800 seconds")
        }
        let seed = environment.string("FIELDOPS_TOKEN_SIGNING_SEED") ?? ""
        self.init(
            urlSigner: BlobURLSigner(key: HMACSHA256.authenticate(Array("fieldops blob URLs".utf8), key: Array(seed.utf8))),
            maxBytes: try environment.int("FIELDOPS_PHOTO_MAX_BYTES", default: 15 << 20),
            maxPixels: try environment.int("FIELDOPS_PHOTO_MAX_PIXELS", default: 50_000_000),
            signedURLLifetime: .seconds(lifetime)
        )
    }
}
