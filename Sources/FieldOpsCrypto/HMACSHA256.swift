import CSodium

/// HMAC-SHA-256 through libsodium, with keys of any length (AWS SigV4 chains keys of 32 bytes and
/// starts from a secret of any size).
public enum HMACSHA256 {
    public static func authenticate(_ message: some Collection<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        _ = Sodium.ready
        var state = crypto_auth_hmacsha256_state()
        let keyBytes = Array(key)
        let messageBytes = Array(message)
        var mac = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        // An empty key still needs a valid pointer; its length says nothing is read from it.
        (keyBytes.isEmpty ? [0] : keyBytes).withUnsafeBufferPointer { keyBuffer in
            _ = crypto_auth_hmacsha256_init(&state, keyBuffer.baseAddress!, keyBytes.count)
        }
        messageBytes.withUnsafeBufferPointer { messageBuffer in
            _ = crypto_auth_hmacsha256_update(&state, messageBuffer.baseAddress, UInt64(messageBuffer.count))
        }
        _ = crypto_auth_hmacsha256_final(&state, &mac)
        return mac
    }
}
