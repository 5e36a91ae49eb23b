import CSodium
import FieldOpsCore
import FieldOpsCrypto

/// Passwords as argon2id (libsodium's `crypto_pwhash_str`: the encoded string carries the salt and
/// the cost, so costs can rise later without breaking stored hashes).
///
/// Hashing is deliberately slow and memory-hungry (64 MiB, about 0.1 s): it runs on one dedicated
/// thread, never on the cooperative pool, which also bounds the CPU a burst of logins can take.
public final class PasswordHasher: Sendable {
    public static let minimumLength = 12
    public static let maximumLength = 256

    private let executor: ThreadExecutor
    private let operations: UInt64
    private let memory: Int

    /// `interactive` costs by default; tests may lower them.
    public init(operations: UInt64 = UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE), memory: Int = Int(crypto_pwhash_MEMLIMIT_INTERACTIVE)) throws(ThreadStartError) {
        _ = Sodium.ready
        executor = try ThreadExecutor(purpose: "password-hashing")
        self.operations = operations
        self.memory = memory
    }

    /// Why a new password is refused, or nil.
    public static func weakness(of password: String) -> String? {
        if password.count < minimumLength { return "must have at least \(minimumLength) characters" }
        if password.count > maximumLength { return "must have at most \(maximumLength) characters" }
        if Set(password).count < 5 { return "must not be mostly one repeated character" }
        if password.unicodeScalars.contains("\0") { return "must not contain NUL characters" }
        return nil
    }

    public func hash(_ password: String) async -> String {
        await withTaskExecutorPreference(executor) { [operations, memory] in
            var encoded = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
            let status = crypto_pwhash_str_alg(&encoded, password, UInt64(password.utf8.count), operations, memory, crypto_pwhash_ALG_ARGON2ID13)
            precondition(status == 0, "argon2id hashing failed: out of memory")
            return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// Constant work whether or not `encoded` is a real hash: a login for an unknown e-mail costs the
    /// same as one for a known e-mail, so timing does not tell which exist.
    public func verify(_ password: String, against encoded: String?) async -> Bool {
        let target = encoded ?? Self.decoy
        return await withTaskExecutorPreference(executor) {
            var storage = Array(target.utf8CString)
            let matches = crypto_pwhash_str_verify(&storage, password, UInt64(password.utf8.count)) == 0
            return matches && encoded != nil
        }
    }

    /// A valid hash of a random password, checked when there is no user.
    private static let decoy: String = {
        var encoded = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let secret = Hex.encode(SecureRandom.bytes(16))
        _ = crypto_pwhash_str_alg(
            &encoded, secret, UInt64(secret.utf8.count), UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE),
            Int(crypto_pwhash_MEMLIMIT_INTERACTIVE), crypto_pwhash_ALG_ARGON2ID13
        )
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()
}
