import CSodium

/// SHA-256 through libsodium, for migration checksums.
enum SHA256 {
    /// `sodium_init` is idempotent and thread-safe; running it once before any other call is the
    /// library's rule.
    private static let initialized: Bool = sodium_init() >= 0

    /// The digest of `bytes` as 64 lowercase hexadecimal characters.
    static func hex(_ bytes: [UInt8]) -> String {
        precondition(initialized, "libsodium failed to initialise")
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        _ = crypto_hash_sha256(&digest, bytes, UInt64(bytes.count))
        return digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
