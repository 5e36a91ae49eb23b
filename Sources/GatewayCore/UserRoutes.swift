import Domain
import FieldOpsCore
import Foundation
import HTTPServer

/// Invitations and password resets handed out by a tenant administrator:
///
///     POST /v1/users                         {"email", "role", "display_name"} → 201, the invite token once
///     POST /v1/users/{id}/password-reset     → 201, the reset token once
///
/// Listing, reading and changing users (role, status) go through the common resource routes.
struct UserRoutes {
    let routing: TenantRouting
    let accounts: UserAccounts

    struct InviteRequest: Decodable {
        let email: String
        let role: String
        let displayName: String?

        enum CodingKeys: String, CodingKey {
            case email, role, displayName = "display_name"
        }
    }

    struct TokenGrant: Encodable {
        let token: String
        let expiresIn: Int64

        enum CodingKeys: String, CodingKey {
            case token, expiresIn = "expires_in"
        }
    }

    func register(in router: inout Router) {
        router.post("/v1/users", routing.protect(Permission(.users, .create)) { [accounts] request in
            let body = try request.http.decode(InviteRequest.self)
            let (user, token) = try await accounts.invite(
                email: body.email, role: body.role, displayName: body.displayName, context: request.audit, on: request.pool
            )
            let userValue = try JSONDecoder().decode(JSONValue.self, from: Data(user))
            var headers: HTTPHeaders = ["Cache-Control": "no-store"]
            if case .object(let members) = userValue, case .string(let id)? = members["id"] { headers.set("Location", "/v1/users/\(id)") }
            return try .json(JSONValue.object([
                "user": userValue, "invite_token": .string(token), "expires_in": .int(UserAccounts.inviteLifetime.components.seconds),
            ]), status: 201, headers: headers)
        })
        router.post("/v1/users/{id}/password-reset", routing.protect(Permission(.users, .update)) { [accounts] request in
            let id = try request.http.uuid(naming: "user")
            let token = try await accounts.issueReset(userID: id, context: request.audit, on: request.pool)
            return try .json(TokenGrant(token: token, expiresIn: UserAccounts.resetLifetime.components.seconds), status: 201, headers: ["Cache-Control": "no-store"])
        })
    }
}
