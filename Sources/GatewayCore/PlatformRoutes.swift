import Domain
import FieldOpsCore
import Foundation
import HTTPServer
import Tenancy

/// The platform administrators' API, outside any tenant:
///
///     POST /admin/v1/tenants                       provision (idempotent; a rerun resumes)
///     GET  /admin/v1/tenants                       list
///     POST /admin/v1/tenants/{slug}/suspend|resume
///     PUT  /admin/v1/tenants/{slug}/licence
struct PlatformRoutes {
    let guarding: APIGuard
    let provisioner: TenantProvisioner
    let tenants: TenantDatabases

    struct ProvisionRequest: Decodable {
        let slug: String
        let name: String
        let sector: String
        let adminEmail: String
        let server: String?

        enum CodingKeys: String, CodingKey {
            case slug, name, sector, adminEmail = "admin_email", server
        }
    }

    struct LicenceRequest: Decodable {
        let seats: Int
        let modules: [String]?
        let limits: [String: Int64]?
        let expiresOn: String?

        enum CodingKeys: String, CodingKey {
            case seats, modules, limits, expiresOn = "expires_on"
        }
    }

    func register(in router: inout Router) {
        router.post("/admin/v1/tenants", guarding.protect(Permission(.tenants, .create)) { [provisioner] request, _ in
            let body = try request.decode(ProvisionRequest.self)
            let result = try await Self.answer {
                try await provisioner.provision(slug: body.slug, name: body.name, sector: body.sector, adminEmail: body.adminEmail, server: body.server)
            }
            var members = Self.view(result.tenant)
            members["duration_ms"] = .int(result.duration.wholeMilliseconds)
            members["steps"] = .array(result.steps.map { step in
                .object(["step": .string(step.step.rawValue), "outcome": .string(step.outcome.rawValue), "detail": .string(step.detail),
                         "duration_ms": .int(step.duration.wholeMilliseconds)])
            })
            if let token = result.inviteToken { members["admin_invite_token"] = .string(token) }
            return try .json(JSONValue.object(members), status: result.steps.isEmpty ? 200 : 201,
                             headers: ["Location": "/admin/v1/tenants/\(result.tenant.slug)", "Cache-Control": "no-store"])
        })
        router.get("/admin/v1/tenants", guarding.protect(Permission(.tenants, .read)) { [provisioner] _, _ in
            try .json(JSONValue.object(["items": .array(try await provisioner.list().map { .object(Self.view($0)) })]))
        })
        for verb in ["suspend", "resume"] {
            router.post("/admin/v1/tenants/{slug}/\(verb)", guarding.protect(Permission(.tenants, .update)) { [provisioner, tenants] request, _ in
                let slug = request.pathParameters["slug"] ?? ""
                let tenant = try await Self.answer { verb == "suspend" ? try await provisioner.suspend(slug) : try await provisioner.resume(slug) }
                await tenants.invalidate(slug)
                return try .json(JSONValue.object(Self.view(tenant)))
            })
        }
        router.put("/admin/v1/tenants/{slug}/licence", guarding.protect(Permission(.tenants, .update)) { [provisioner] request, _ in
            let body = try request.decode(LicenceRequest.self)
            var expiry: Date?
            if let day = body.expiresOn {
                guard let seconds = ISO8601Timestamp.parse(day + "T23:59:59Z") else {
                    throw ValidationProblem(fields: ["expires_on": "must be a date YYYY-MM-DD"], instance: request.path).httpError
                }
                expiry = Date(timeIntervalSince1970: seconds)
            }
            let licence = TenantLicence(seats: body.seats, modules: body.modules ?? [], limits: body.limits ?? [:], expiresAt: expiry)
            let tenant = try await Self.answer { try await provisioner.updateLicence(request.pathParameters["slug"] ?? "", licence) }
            return try .json(JSONValue.object(Self.view(tenant)))
        })
    }

    /// Tenancy refusals as statuses: bad input 422, unknown 404, conflicts 409, no server 503.
    private static func answer<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as TenancyError {
            switch error.code {
            case .invalidInput: throw HTTPError(status: 422, detail: error.message)
            case .unknownTenant: throw HTTPError.notFound(error.message)
            case .conflict: throw HTTPError(status: 409, detail: error.message)
            case .noServer: throw HTTPError.unavailable(error.message, retryAfterSeconds: 60)
            default: throw error
            }
        }
    }

    private static func view(_ tenant: Tenant) -> [String: JSONValue] {
        var licence: [String: JSONValue] = [
            "seats": .int(Int64(tenant.licence.seats)), "modules": .array(tenant.licence.modules.map(JSONValue.string)),
            "limits": .object(tenant.licence.limits.mapValues(JSONValue.int)),
        ]
        if let expiry = tenant.licence.expiresAt { licence["expires_at"] = .string(ISO8601DateFormatter().string(from: expiry)) }
        return [
            "slug": .string(tenant.slug), "name": .string(tenant.name), "sector": .string(tenant.sector.rawValue),
            "status": .string(tenant.status.rawValue), "admin_email": .string(tenant.adminEmail), "licence": .object(licence),
            "server": .string(tenant.placement.serverName), "database": .string(tenant.placement.databaseName),
        ]
    }
}
