import GatewayCore
import Identity
import Operations
import Testing

@Suite("Operator tokens")
struct OperatorTokenTests {
    let settings = TokenSettings(signingKey: .generate(keyID: "k-test"), issuer: "fieldops360", audience: "fieldops-api", accessLifetime: .seconds(300))
    let now: Int64 = 1_750_000_000

    @Test("a platform admin token needs no tenant and lives the configured lifetime")
    func platformAdmin() throws {
        let issued = try OperatorToken.issue(subject: "ops-1", role: .platformAdmin, tenant: nil, lifetime: nil, settings: settings, now: now)
        let verifier = AccessTokenVerifier(
            publicKeys: [settings.signingKey.keyID: settings.signingKey.publicKey], issuer: settings.issuer, audience: settings.audience
        )
        let claims = try verifier.verify(issued.token, now: now)
        #expect(claims.role == .platformAdmin)
        #expect(claims.tenant == nil)
        #expect(claims.expiresAt == now + 300)
    }

    @Test("every other role needs a tenant; the lifetime stays within 15 minutes; the subject is required")
    func refusals() {
        for role in Role.allCases where role != .platformAdmin {
            #expect(throws: OperationsError.self) {
                try OperatorToken.issue(subject: "u", role: role, tenant: nil, lifetime: nil, settings: settings, now: now)
            }
        }
        #expect(throws: OperationsError.self) {
            try OperatorToken.issue(subject: "u", role: .manager, tenant: "acme", lifetime: .seconds(901), settings: settings, now: now)
        }
        #expect(throws: OperationsError.self) {
            try OperatorToken.issue(subject: "", role: .manager, tenant: "acme", lifetime: nil, settings: settings, now: now)
        }
    }
}
