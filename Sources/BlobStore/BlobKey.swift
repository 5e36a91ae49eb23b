/// Where a blob lives in a store: `tenant/photos/2026/12/…`. Restricted to characters that are safe
/// as a file path and as an S3 key without escaping, so a key can never climb out of its root.
public struct BlobKey: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) throws(BlobStoreError) {
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2F || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        let segments = value.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...512).contains(value.utf8.count), allowed,
              segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw BlobStoreError(code: .invalidKey, message: "'\(value.prefix(80))' is not a blob key (1–512 of [A-Za-z0-9._-/], no empty, '.' or '..' segment)")
        }
        self.value = value
    }

    /// The content-addressed key of a digest under `prefix`: `prefix/sha256/ab/cd/abcd…`.
    public static func contentAddressed(prefix: String, sha256 digest: [UInt8]) throws(BlobStoreError) -> BlobKey {
        let hex = digest.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
        return try BlobKey("\(prefix)/sha256/\(hex.prefix(2))/\(hex.dropFirst(2).prefix(2))/\(hex)")
    }

    public var description: String { value }
}
