import CSodium

/// Authenticated symmetric encryption (libsodium `crypto_secretbox`: XSalsa20-Poly1305) for secrets
/// the platform must read back, such as tenant database passwords. A fresh random nonce is prepended
/// to every sealed value, so sealing the same text twice gives different bytes.
public struct SecretBox: Sendable {
    public static let keyLength = Int(crypto_secretbox_KEYBYTES)
    private static let nonceLength = Int(crypto_secretbox_NONCEBYTES)
    private static let macLength = Int(crypto_secretbox_MACBYTES)

    private let key: [UInt8]

    /// `nil` unless `key` is exactly `keyLength` bytes.
    public init?(key: [UInt8]) {
        guard key.count == Self.keyLength else { return nil }
        self.key = key
    }

    /// The key as `2 * keyLength` hexadecimal characters (how it is configured).
    public init?(hexKey: String) {
        guard let bytes = Hex.decode(hexKey) else { return nil }
        self.init(key: bytes)
    }

    /// nonce || ciphertext-with-MAC.
    public func seal(_ plaintext: [UInt8]) -> [UInt8] {
        let nonce = SecureRandom.bytes(Self.nonceLength)
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + Self.macLength)
        _ = crypto_secretbox_easy(&ciphertext, plaintext, UInt64(plaintext.count), nonce, key)
        return nonce + ciphertext
    }

    /// The plaintext, or `nil` when the value was not sealed with this key or was altered.
    public func open(_ sealed: [UInt8]) -> [UInt8]? {
        guard sealed.count >= Self.nonceLength + Self.macLength else { return nil }
        let nonce = Array(sealed.prefix(Self.nonceLength))
        let ciphertext = Array(sealed.dropFirst(Self.nonceLength))
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count - Self.macLength)
        guard crypto_secretbox_open_easy(&plaintext, ciphertext, UInt64(ciphertext.count), nonce, key) == 0 else { return nil }
        return plaintext
    }
}
