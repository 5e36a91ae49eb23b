#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPServer
import Identity

/// `POST /v1/auth/refresh`: a refresh token for a new access token and the refresh token's successor.
struct AuthRoutes {
    let issuer: AccessTokenIssuer
    let refreshTokens: RefreshTokenStore

    struct RefreshRequest: Decodable {
        let refreshToken: String
        enum CodingKeys: String, CodingKey { case refreshToken = "refresh_token" }
    }

    struct TokenResponse: Encodable {
        let accessToken: String
        let refreshToken: String
        let tokenType = "Bearer"
        let expiresIn: Int64

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token", refreshToken = "refresh_token", tokenType = "token_type", expiresIn = "expires_in"
        }
    }

    func register(in router: inout Router) {
        router.post("/v1/auth/refresh") { [issuer, refreshTokens] request in
            let body = try request.decode(RefreshRequest.self)
            switch try await refreshTokens.rotate(body.refreshToken) {
            case .failure(let refusal):
                request.logger.info("refresh refused", ["auth.reason": "\(refusal)"])
                throw HTTPError(status: 401, detail: "The refresh token is not valid; sign in again.", headers: ["WWW-Authenticate": "Bearer error=\"invalid_token\""])
            case .success(let grant):
                let now = Int64(Date().timeIntervalSince1970)
                let access = issuer.issue(subject: grant.subject, tenant: grant.tenant, role: grant.role, now: now)
                return try .json(TokenResponse(
                    accessToken: access.token, refreshToken: grant.refreshToken, expiresIn: access.claims.expiresAt - now
                ), headers: ["Cache-Control": "no-store"])
            }
        }
    }
}
