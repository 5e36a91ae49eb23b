#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Domain
import HTTPServer
import Identity
import Postgres
import Tenancy

/// Signing in and staying signed in:
///
///     POST /v1/auth/login                    {"tenant", "email", "password"} → tokens
///     POST /v1/auth/invitations/accept       {"tenant", "token", "password"} → tokens (first password)
///     POST /v1/auth/password-reset/confirm   {"tenant", "token", "password"} → tokens (new password)
///     POST /v1/auth/refresh                  a refresh token → a new access token and its successor
///     POST /v1/auth/logout                   (bearer) revokes every refresh token of the user
///
/// A wrong tenant, e-mail or password all read the same 401, so none can be probed.
struct AuthRoutes {
    let issuer: AccessTokenIssuer
    let refreshTokens: RefreshTokenStore
    let authenticator: Authenticator
    let tenants: TenantDatabases
    let accounts: UserAccounts
    let usage: TenantUsage

    struct LoginRequest: Decodable {
        let tenant: String
        let email: String
        let password: String
    }

    struct TokenPasswordRequest: Decodable {
        let tenant: String
        let token: String
        let password: String
    }

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
        router.post("/v1/auth/login") { [self] request in
            let body = try request.decode(LoginRequest.self)
            guard let pool = try? await tenants.pool(for: body.tenant),
                  let user = try await accounts.authenticate(email: body.email, password: body.password, on: pool) else {
                request.logger.info("login refused", ["tenant": body.tenant])
                throw HTTPError(status: 401, detail: "The tenant, e-mail or password is wrong.")
            }
            if user.firstSignInToday {
                do {
                    try await usage.add([.activeUsers: 1], to: .slug(body.tenant))
                } catch {
                    request.logger.error("usage not counted", ["error": "\(error)"])
                }
            }
            return try await tokens(for: user, tenant: body.tenant)
        }
        router.post("/v1/auth/invitations/accept") { [self] request in
            let body = try request.decode(TokenPasswordRequest.self)
            return try await tokens(for: try await withTenant(body.tenant, request) { try await accounts.acceptInvitation(token: body.token, password: body.password, on: $0) }, tenant: body.tenant)
        }
        router.post("/v1/auth/password-reset/confirm") { [self] request in
            let body = try request.decode(TokenPasswordRequest.self)
            return try await tokens(for: try await withTenant(body.tenant, request) { try await accounts.confirmReset(token: body.token, password: body.password, on: $0) }, tenant: body.tenant)
        }
        router.post("/v1/auth/logout") { [authenticator, refreshTokens] request in
            let claims = try authenticator.authenticate(request)
            try await refreshTokens.revokeAll(subject: claims.subject)
            return HTTPResponse(status: 204)
        }
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

    private func tokens(for user: UserAccounts.SignedInUser, tenant: String) async throws -> HTTPResponse {
        let grant = try await refreshTokens.issue(subject: user.userID, tenant: tenant, role: user.role)
        let now = Int64(Date().timeIntervalSince1970)
        let access = issuer.issue(subject: user.userID, tenant: tenant, role: user.role, now: now)
        return try .json(TokenResponse(
            accessToken: access.token, refreshToken: grant.refreshToken, expiresIn: access.claims.expiresAt - now
        ), headers: ["Cache-Control": "no-store"])
    }

    /// Runs a token-and-password step in the tenant's database: unknown tenants and tokens read as 404,
    /// weak passwords as 422.
    private func withTenant(_ tenant: String, _ request: HTTPRequest, _ body: (PostgresPool) async throws -> UserAccounts.SignedInUser) async throws -> UserAccounts.SignedInUser {
        guard let pool = try? await tenants.pool(for: tenant) else { throw HTTPError.notFound("The token is unknown, used or expired.") }
        do {
            return try await body(pool)
        } catch let error as DomainError {
            throw DomainProblem.httpError(error, instance: request.path)
        }
    }
}
