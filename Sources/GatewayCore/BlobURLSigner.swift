import BlobStore
import FieldOpsCrypto

/// Short-lived URLs for blobs the gateway serves itself (`GET /v1/blobs`), for stores that cannot
/// presign URLs (the filesystem store): `key`, `expires` (Unix seconds) and an HMAC-SHA-256 of both
/// under a key of the gateway's. A pure value: no clock, no I/O.
public struct BlobURLSigner: Sendable {
    private let key: [UInt8]

    public static let path = "/v1/blobs"

    public init(key: [UInt8]) {
        self.key = key
    }

    /// A path with query, relative to the gateway.
    public func url(for blob: BlobKey, expires: Int64) -> String {
        "\(Self.path)?key=\(blob.value)&expires=\(expires)&signature=\(signature(blob.value, expires))"
    }

    /// The blob a URL's query names, if its signature holds and it has not expired at `now`.
    public func verify(key: String?, expires: String?, signature: String?, now: Int64) -> BlobKey? {
        guard let key, let expiresText = expires, let expires = Int64(expiresText), let signature, now <= expires,
              let expected = Hex.decode(self.signature(key, expires)), let given = Hex.decode(signature), given.count == expected.count,
              zip(given, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 // constant time
        else { return nil }
        return try? BlobKey(key)
    }

    private func signature(_ key: String, _ expires: Int64) -> String {
        Hex.encode(HMACSHA256.authenticate(Array("\(key)\n\(expires)".utf8), key: self.key))
    }
}
