import CLibCrypto

/// SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA extensions where present (about
/// 2 GB/s here, five times libsodium's portable code): photo, document and blob hashes are
/// megabytes each; migration checksums, request fingerprints and token hashes are small.
public enum SHA256 {
    public static let digestLength = 32

    public static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        if let digest = bytes.withContiguousStorageIfAvailable({ buffer in digest(raw: UnsafeRawBufferPointer(buffer)) }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { digest(raw: $0) }
    }

    public static func digest(raw bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest as 64 lowercase hexadecimal characters.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        Hex.encode(digest(bytes))
    }
}
