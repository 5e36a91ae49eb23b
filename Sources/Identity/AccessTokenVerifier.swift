import CSodium
import FieldOpsCrypto
import Foundation

/// Checks access tokens with public keys only. Accepts `EdDSA` and nothing else: the algorithm is
/// fixed by configuration, never chosen by the token (no `none`, no HMAC-with-public-key confusion).
public struct AccessTokenVerifier: Sendable {
    public let publicKeys: [String: [UInt8]]
    public let issuer: String
    public let audience: String
    /// Clock skew tolerated between the issuer and this process.
    public let leewaySeconds: Int64

    public init(publicKeys: [String: [UInt8]], issuer: String, audience: String, leewaySeconds: Int64 = 30) {
        _ = Sodium.ready
        self.publicKeys = publicKeys
        self.issuer = issuer
        self.audience = audience
        self.leewaySeconds = leewaySeconds
    }

    public init(issuer: AccessTokenIssuer) {
        self.init(publicKeys: [issuer.key.keyID: issuer.key.publicKey], issuer: issuer.issuer, audience: issuer.audience)
    }

    public func verify(_ token: String, now: Int64) throws(TokenError) -> AccessClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, token.utf8.count <= 8192,
              let headerBytes = Base64URL.decode(parts[0]),
              let payloadBytes = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]),
              let header = try? JSONDecoder().decode(JWTHeader.self, from: Data(headerBytes))
        else { throw TokenError(.malformed) }

        guard header.algorithm == JWTHeader.edDSA else { throw TokenError(.unsupportedAlgorithm) }
        guard signature.count == Int(crypto_sign_BYTES), let key = publicKeys[header.keyID ?? ""] else {
            throw TokenError(.badSignature)
        }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard crypto_sign_verify_detached(signature, signingInput, UInt64(signingInput.count), key) == 0 else {
            throw TokenError(.badSignature)
        }

        guard let claims = try? JSONDecoder().decode(AccessClaims.self, from: Data(payloadBytes)) else {
            throw TokenError(.malformed)
        }
        guard claims.expiresAt + leewaySeconds > now else { throw TokenError(.expired) }
        guard claims.issuedAt - leewaySeconds <= now else { throw TokenError(.notYetValid) }
        guard claims.issuer == issuer else { throw TokenError(.wrongIssuer) }
        guard claims.audience == audience else { throw TokenError(.wrongAudience) }
        return claims
    }
}
