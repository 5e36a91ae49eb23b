import Identity
import Synchronization

/// Access tokens already verified, with their claims, so a client sending the same token again
/// costs a dictionary lookup instead of an Ed25519 verification and two JSON decodes (together the
/// largest CPU cost of a request).
///
/// Only tokens that passed every check are stored, keyed by their exact text, so nothing forged or
/// altered can ever be found here. A hit is still refused once the token has expired, with the same
/// leeway as the verifier; signature, issuer and audience cannot change for the same text. The
/// cache is bounded: when full, expired entries go first, and if none had expired it starts over.
final class VerifiedTokenCache: Sendable {
    private struct Entry {
        let claims: AccessClaims
        /// Seconds since 1970 from which the token is refused: its expiry plus the leeway.
        let refusedFrom: Int64
    }

    private let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(capacity: Int) {
        precondition(capacity > 0, "the cache holds at least one token")
        self.capacity = capacity
    }

    /// The claims of `token` if it was verified before and has not expired at `now`.
    func claims(for token: String, now: Int64) -> AccessClaims? {
        entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard now < entry.refusedFrom else {
                entries[token] = nil
                return nil
            }
            return entry.claims
        }
    }

    /// Remembers a token that passed verification at `now`.
    func store(_ token: String, claims: AccessClaims, leewaySeconds: Int64, now: Int64) {
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.refusedFrom > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[token] = Entry(claims: claims, refusedFrom: claims.expiresAt + leewaySeconds)
        }
    }
}
