import FieldOpsCrypto
import Foundation

/// Mints short-lived access tokens: compact JWTs signed with Ed25519 (`alg: EdDSA`).
public struct AccessTokenIssuer: Sendable {
    /// Access tokens live at most this long; longer sessions go through refresh-token rotation.
    public static let maximumLifetime: Duration = .seconds(15 * 60)

    public let key: TokenSigningKey
    public let issuer: String
    public let audience: String
    public let lifetime: Duration

    public init(key: TokenSigningKey, issuer: String, audience: String, lifetime: Duration = .seconds(10 * 60)) {
        precondition(lifetime > .zero && lifetime <= Self.maximumLifetime, "access tokens live at most 15 minutes")
        self.key = key
        self.issuer = issuer
        self.audience = audience
        self.lifetime = lifetime
    }

    public func issue(subject: String, tenant: String?, role: Role, now: Int64) -> (token: String, claims: AccessClaims) {
        let claims = AccessClaims(
            subject: subject, tenant: tenant, role: role, issuer: issuer, audience: audience,
            issuedAt: now, expiresAt: now + lifetime.components.seconds, tokenID: Hex.encode(SecureRandom.bytes(16))
        )
        return (sign(claims), claims)
    }

    /// Signs any claims as given — also used by tests to forge expired or foreign tokens.
    public func sign(_ claims: AccessClaims) -> String {
        let header = JWTHeader(algorithm: JWTHeader.edDSA, type: "JWT", keyID: key.keyID)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding these plain structs cannot fail.
        let signingInput = Base64URL.encode(try! encoder.encode(header)) + "." + Base64URL.encode(try! encoder.encode(claims))
        return signingInput + "." + Base64URL.encode(key.sign(Array(signingInput.utf8)))
    }
}

struct JWTHeader: Codable {
    static let edDSA = "EdDSA"

    var algorithm: String
    var type: String?
    var keyID: String?

    enum CodingKeys: String, CodingKey {
        case algorithm = "alg", type = "typ", keyID = "kid"
    }
}
