import CSodium
import FieldOpsCrypto

/// An Ed25519 key pair for signing access tokens (JWT `EdDSA`). Verifiers need only the public half,
/// so workers and other services can check tokens without being able to mint them.
public struct TokenSigningKey: Sendable {
    public let keyID: String
    public let publicKey: [UInt8]
    let secretKey: [UInt8]

    /// Derived from a 32-byte seed (kept in a secret store, given as 64 hex characters).
    public init(keyID: String, seed: [UInt8]) throws(TokenKeyError) {
        guard seed.count == Int(crypto_sign_SEEDBYTES) else { throw TokenKeyError.badSeedLength(seed.count) }
        _ = Sodium.ready
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        var secretKey = [UInt8](repeating: 0, count: Int(crypto_sign_SECRETKEYBYTES))
        crypto_sign_seed_keypair(&publicKey, &secretKey, seed)
        self.keyID = keyID
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    public init(keyID: String, hexSeed: String) throws(TokenKeyError) {
        guard let seed = Hex.decode(hexSeed) else { throw TokenKeyError.badSeedEncoding }
        try self.init(keyID: keyID, seed: seed)
    }

    /// A fresh random key, for tests and first-time setup.
    public static func generate(keyID: String) -> TokenSigningKey {
        // A seed of the right length cannot fail.
        return try! TokenSigningKey(keyID: keyID, seed: SecureRandom.bytes(Int(crypto_sign_SEEDBYTES)))
    }

    func sign(_ message: [UInt8]) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
        crypto_sign_detached(&signature, nil, message, UInt64(message.count), secretKey)
        return signature
    }
}

public enum TokenKeyError: Error, Sendable, Equatable {
    case badSeedLength(Int)
    case badSeedEncoding
}
