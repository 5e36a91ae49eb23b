import Domain
import Geo
import HTTPServer
import Identity
import Postgres
import Tenancy

/// What a tenant-scoped handler gets: the verified claims, the tenant's own database, and the audit
/// context of the request (who, which request, from where).
struct TenantRequest: Sendable {
    let http: HTTPRequest
    let claims: AccessClaims
    let pool: PostgresPool
    let audit: AuditContext

    var userID: String { claims.subject }
}

/// `APIGuard` plus the tenant: resolves the caller's tenant database through the registry and
/// turns domain refusals into problem documents (404, 409, 412, 422, 403).
struct TenantRouting: Sendable {
    typealias Handler = @Sendable (TenantRequest) async throws -> HTTPResponse

    /// `X-Position: <latitude>,<longitude>`: where the client was, recorded in the audit trail.
    static let positionHeader = "X-Position"

    let guarding: APIGuard
    let tenants: TenantDatabases

    func protect(_ permission: Permission, _ handler: @escaping Handler) -> HTTPHandler {
        guarding.protect(permission) { [tenants] request, claims in
            guard let tenant = claims.tenant else {
                throw HTTPError(status: 403, detail: "This route acts inside a tenant; use a tenant user's token.")
            }
            let pool: PostgresPool
            do {
                pool = try await tenants.pool(for: tenant)
            } catch let error as TenancyError {
                throw Self.refusal(error)
            }
            let audit = AuditContext(actor: "user:\(claims.subject)", requestID: request.requestID, position: try Self.position(request))
            do {
                return try await handler(TenantRequest(http: request, claims: claims, pool: pool, audit: audit))
            } catch let error as DomainError {
                throw DomainProblem.httpError(error, instance: request.path)
            } catch let error as FieldErrors {
                throw DomainProblem.httpError(.invalid(error), instance: request.path)
            }
        }
    }

    private static func position(_ request: HTTPRequest) throws(HTTPError) -> GeoPoint? {
        guard let header = request.headers[positionHeader] else { return nil }
        let parts = header.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let point = GeoPoint(validatingLatitude: parts[0], longitude: parts[1]) else {
            throw HTTPError.badRequest("\(positionHeader) must be '<latitude>,<longitude>' within range.")
        }
        return point
    }

    /// A suspended or unknown tenant is the caller's problem (403); one being provisioned or moved is
    /// temporary (503).
    private static func refusal(_ error: TenancyError) -> HTTPError {
        switch error.code {
        case .tenantSuspended: HTTPError(status: 403, detail: "This tenant is suspended.")
        case .unknownTenant: HTTPError(status: 403, detail: "This tenant does not exist.")
        default: HTTPError.unavailable("The tenant's database is not available right now.", retryAfterSeconds: 5)
        }
    }
}
