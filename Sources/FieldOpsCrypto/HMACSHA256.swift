import CSodium

/// HMAC-SHA-256 through libsodium (`crypto_auth_hmacsha256`), keys of any length: webhook
/// signatures, S3 request signatures (SigV4) and signed blob links.
public enum HMACSHA256 {
    public static func authenticate(_ message: some Collection<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        _ = Sodium.ready
        var state = crypto_auth_hmacsha256_state()
        var mac = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        // The streaming form takes a key of any length (the one-shot form wants exactly 32 bytes).
        // HMAC pads keys with zeros, so an empty key and a single zero byte are the same key.
        let keyBytes = key.isEmpty ? [0] : Array(key)
        _ = keyBytes.withUnsafeBufferPointer { crypto_auth_hmacsha256_init(&state, $0.baseAddress!, $0.count) }
        _ = Array(message).withUnsafeBufferPointer { crypto_auth_hmacsha256_update(&state, $0.baseAddress, UInt64($0.count)) }
        _ = crypto_auth_hmacsha256_final(&state, &mac)
        return mac
    }

    /// Compares two MACs in time independent of where they differ.
    public static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in sodium_memcmp(a.baseAddress, b.baseAddress, a.count) == 0 } }
    }
}
