import CSodium

/// libsodium must be initialised once before use; `sodium_init` is idempotent and thread-safe.
public enum Sodium {
    public static let ready: Void = {
        guard sodium_init() >= 0 else { fatalError("libsodium could not be initialised") }
    }()
}
