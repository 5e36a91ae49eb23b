import Foundation
import Identity
import Testing

@Suite("Access tokens")
struct AccessTokenTests {
    let issuer = AccessTokenIssuer(key: .generate(keyID: "k1"), issuer: "fieldops360", audience: "fieldops-api", lifetime: .seconds(600))
    var verifier: AccessTokenVerifier { AccessTokenVerifier(issuer: issuer) }
    let now: Int64 = 1_800_000_000

    @Test("an issued token verifies back to its claims")
    func roundTrip() throws {
        let (token, claims) = issuer.issue(subject: "user-42", tenant: "acme-btp", role: .siteLead, now: now)
        #expect(claims.expiresAt == now + 600)
        #expect(try verifier.verify(token, now: now + 10) == claims)
        #expect(token.split(separator: ".").count == 3)
    }

    @Test("expired and not-yet-valid tokens are refused, within the leeway accepted")
    func lifetime() throws {
        let (token, _) = issuer.issue(subject: "u", tenant: "t", role: .technician, now: now)
        #expect(throws: TokenError(.expired)) { try verifier.verify(token, now: now + 600 + 31) }
        #expect(try verifier.verify(token, now: now + 600 + 29).subject == "u")
        #expect(throws: TokenError(.notYetValid)) { try verifier.verify(token, now: now - 31) }
    }

    @Test("a token signed by another key, even with the same key id, is forged")
    func forgedKey() {
        let forger = AccessTokenIssuer(key: .generate(keyID: "k1"), issuer: "fieldops360", audience: "fieldops-api")
        let (token, _) = forger.issue(subject: "u", tenant: "t", role: .platformAdmin, now: now)
        #expect(throws: TokenError(.badSignature)) { try verifier.verify(token, now: now) }
    }

    @Test("changing a claim breaks the signature")
    func tamperedClaims() throws {
        let (token, claims) = issuer.issue(subject: "u", tenant: "acme", role: .technician, now: now)
        var promoted = claims
        promoted.role = .tenantAdmin
        let forgedPayload = String(issuer.sign(promoted).split(separator: ".")[1])
        let parts = token.split(separator: ".")
        let tampered = [String(parts[0]), forgedPayload, String(parts[2])].joined(separator: ".")
        #expect(throws: TokenError(.badSignature)) { try verifier.verify(tampered, now: now) }
    }

    @Test("alg none and HS256 headers are refused whatever the signature", arguments: [#"{"alg":"none","typ":"JWT"}"#, #"{"alg":"HS256","kid":"k1"}"#])
    func algorithmConfusion(header: String) throws {
        let (token, _) = issuer.issue(subject: "u", tenant: "t", role: .technician, now: now)
        let parts = token.split(separator: ".")
        let swapped = Base64URL.encode(Array(header.utf8)) + "." + parts[1] + "." + parts[2]
        #expect(throws: TokenError(.unsupportedAlgorithm)) { try verifier.verify(swapped, now: now) }
        let unsigned = Base64URL.encode(Array(header.utf8)) + "." + parts[1] + "."
        #expect(throws: TokenError.self) { try verifier.verify(unsigned, now: now) }
    }

    @Test("malformed tokens are refused without a crash", arguments: ["", "a.b", "a.b.c.d", "!!!.???.***", "e30.e30.", String(repeating: "A", count: 10_000)])
    func malformed(token: String) {
        #expect(throws: TokenError.self) { try verifier.verify(token, now: now) }
    }

    @Test("another issuer or audience is refused")
    func issuerAndAudience() {
        let other = AccessTokenIssuer(key: issuer.key, issuer: "someone-else", audience: "fieldops-api")
        #expect(throws: TokenError(.wrongIssuer)) { try verifier.verify(other.issue(subject: "u", tenant: "t", role: .manager, now: now).token, now: now) }
        let foreign = AccessTokenIssuer(key: issuer.key, issuer: "fieldops360", audience: "other-api")
        #expect(throws: TokenError(.wrongAudience)) { try verifier.verify(foreign.issue(subject: "u", tenant: "t", role: .manager, now: now).token, now: now) }
    }

    @Test("a key is derived deterministically from its hex seed")
    func seededKey() throws {
        let seed = String(repeating: "ab", count: 32)
        #expect(try TokenSigningKey(keyID: "a", hexSeed: seed).publicKey == TokenSigningKey(keyID: "b", hexSeed: seed).publicKey)
        #expect(throws: TokenKeyError.badSeedLength(2)) { try TokenSigningKey(keyID: "a", hexSeed: "abcd") }
        #expect(throws: TokenKeyError.badSeedEncoding) { try TokenSigningKey(keyID: "a", hexSeed: "zz") }
    }
}
