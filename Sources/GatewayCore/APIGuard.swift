import Domain
import HTTPServer
import Identity

/// What every `/v1` handler runs behind: authentication, the permission check against
/// `PermissionMatrix`, the rate limits and, for POSTs, idempotency. The tenant a handler works for comes from the verified token only.
public struct APIGuard: Sendable {
    public typealias Handler = @Sendable (HTTPRequest, AccessClaims) async throws -> HTTPResponse

    private let authenticator: Authenticator
    private let rateLimiter: TenantRateLimiter
    private let idempotency: IdempotentExecution

    public init(authenticator: Authenticator, rateLimiter: TenantRateLimiter, idempotency: IdempotentExecution) {
        self.authenticator = authenticator
        self.rateLimiter = rateLimiter
        self.idempotency = idempotency
    }

    /// `permission`: what the route does; the caller's role must be granted it.
    public func protect(_ permission: Permission, _ handler: @escaping Handler) -> HTTPHandler {
        { [authenticator, rateLimiter, idempotency] request in
            let claims = try authenticator.authenticate(request)
            guard PermissionMatrix.allows(claims.role, permission) else {
                throw HTTPError(status: 403, detail: "The \(claims.role.rawValue) role may not \(permission.action.rawValue) \(permission.area.rawValue).")
            }
            try await rateLimiter.admit(claims, for: request)
            guard request.method == .post else { return try await handler(request, claims) }
            return try await idempotency.run(request, claims: claims) { try await handler(request, claims) }
        }
    }
}
