import CLibCrypto

/// SHA-256 over data that arrives in pieces (a file read in chunks, an upload as it streams).
public struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer

    public init() {
        // Allocation of a digest context fails only when memory is exhausted.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, SHA256Algorithm.shared.pointer, nil) == 1 else {
            fatalError("OpenSSL could not start a SHA-256 digest")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    public consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: SHA256.digestLength)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return digest
    }
}

/// The SHA-256 implementation, fetched from OpenSSL's provider once rather than looked up again for
/// every digest.
private final class SHA256Algorithm: @unchecked Sendable {
    // @unchecked: a fetched EVP_MD is immutable and documented as safe to share between threads.
    static let shared = SHA256Algorithm()

    let pointer: OpaquePointer

    private init() {
        guard let algorithm = EVP_MD_fetch(nil, "SHA256", nil) else { fatalError("OpenSSL has no SHA-256 implementation") }
        pointer = algorithm
    }
}
