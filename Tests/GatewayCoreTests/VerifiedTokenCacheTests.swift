@testable import GatewayCore
import Identity
import Testing

@Suite("Verified token cache")
struct VerifiedTokenCacheTests {
    static func claims(expiresAt: Int64) -> AccessClaims {
        AccessClaims(
            subject: "u", tenant: "t", role: .manager, issuer: "fieldops360", audience: "fieldops-api",
            issuedAt: expiresAt - 900, expiresAt: expiresAt, tokenID: "j"
        )
    }

    @Test("a stored token is found by its exact text only, and refused from its expiry plus the leeway")
    func expiry() {
        let cache = VerifiedTokenCache(capacity: 10)
        let claims = Self.claims(expiresAt: 1_000)
        cache.store("a.b.c", claims: claims, leewaySeconds: 30, now: 200)
        #expect(cache.claims(for: "a.b.c", now: 1_029) == claims)
        #expect(cache.claims(for: "a.b.c ", now: 500) == nil)
        #expect(cache.claims(for: "a.b.d", now: 500) == nil)
        #expect(cache.claims(for: "a.b.c", now: 1_030) == nil)
        // Refused once, forgotten: it is not found again even at an earlier clock reading.
        #expect(cache.claims(for: "a.b.c", now: 500) == nil)
    }

    @Test("a full cache drops expired tokens first, then starts over; it never grows past its capacity")
    func bounded() {
        let cache = VerifiedTokenCache(capacity: 2)
        cache.store("old", claims: Self.claims(expiresAt: 100), leewaySeconds: 0, now: 50)
        cache.store("live", claims: Self.claims(expiresAt: 1_000), leewaySeconds: 0, now: 50)
        cache.store("new", claims: Self.claims(expiresAt: 1_000), leewaySeconds: 0, now: 200)
        #expect(cache.claims(for: "live", now: 300) != nil)
        #expect(cache.claims(for: "new", now: 300) != nil)
        cache.store("newer", claims: Self.claims(expiresAt: 1_000), leewaySeconds: 0, now: 300)
        #expect(cache.claims(for: "live", now: 300) == nil)
        #expect(cache.claims(for: "newer", now: 300) != nil)
    }
}
