#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPServer
import Identity

/// Turns `Authorization: Bearer <token>` into verified claims, or a `401` that says only what the
/// client may know (no hint whether the signature or the clock was wrong). Tokens already verified
/// are remembered until they expire (`VerifiedTokenCache`).
public struct Authenticator: Sendable {
    private let verifier: AccessTokenVerifier
    private let verified = VerifiedTokenCache(capacity: 50_000)

    public init(verifier: AccessTokenVerifier) {
        self.verifier = verifier
    }

    public func authenticate(_ request: HTTPRequest, now: Int64 = Int64(Date().timeIntervalSince1970)) throws(HTTPError) -> AccessClaims {
        guard let header = request.headers["Authorization"] else {
            throw Self.unauthorized("Authentication is required.", error: nil)
        }
        guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw Self.unauthorized("Use a bearer access token.", error: "invalid_request")
        }
        let token = String(header.dropFirst(7))
        if let claims = verified.claims(for: token, now: now) { return claims }
        do {
            let claims = try verifier.verify(token, now: now)
            verified.store(token, claims: claims, leewaySeconds: verifier.leewaySeconds, now: now)
            return claims
        } catch {
            request.logger.info("access token refused", ["auth.reason": error.code.description])
            let detail = error.code == .expired ? "The access token has expired." : "The access token is not valid."
            throw Self.unauthorized(detail, error: "invalid_token")
        }
    }

    private static func unauthorized(_ detail: String, error: String?) -> HTTPError {
        let challenge = error.map { "Bearer error=\"\($0)\"" } ?? "Bearer"
        return HTTPError(status: 401, detail: detail, headers: ["WWW-Authenticate": challenge])
    }
}
