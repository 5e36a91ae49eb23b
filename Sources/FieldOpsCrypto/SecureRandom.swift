import CSodium

/// Unpredictable bytes from the operating system's CSPRNG, for tokens and identifiers.
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        _ = Sodium.ready
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }
}
