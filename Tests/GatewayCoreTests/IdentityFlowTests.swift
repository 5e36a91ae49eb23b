import Foundation
import HTTPClient
import Identity
import Testing

/// Invitation → first password → sign-in → invited colleagues → password reset → sign-out, with
/// argon2id passwords in the tenant's own database.
@Suite("Identity")
struct IdentityFlowTests {
    static let password = "correct horse battery staple"

    @Test func anInvitedAdminSetsAPasswordSignsInAndInvitesAColleague() async throws {
        try await TenantGateway.run { gateway in
            let tenant = gateway.tenants[0]
            let weak = try await gateway.send("POST", "/v1/auth/invitations/accept", token: nil,
                                              body: #"{"tenant":"\#(tenant.slug)","token":"\#(tenant.inviteToken)","password":"short"}"#)
            #expect(weak.status == 422)
            #expect(weak.invalidFields == ["password"])

            let accepted = try await gateway.send("POST", "/v1/auth/invitations/accept", token: nil,
                                                  body: #"{"tenant":"\#(tenant.slug)","token":"\#(tenant.inviteToken)","password":"\#(Self.password)"}"#)
            #expect(accepted.status == 200, "\(accepted.text)")
            let reused = try await gateway.send("POST", "/v1/auth/invitations/accept", token: nil,
                                                body: #"{"tenant":"\#(tenant.slug)","token":"\#(tenant.inviteToken)","password":"\#(Self.password)"}"#)
            #expect(reused.status == 404, "an invitation works once")

            let login = #"{"tenant":"\#(tenant.slug)","email":"ADMIN@\#(tenant.slug).example","password":"\#(Self.password)"}"#
            let signedIn = try await gateway.send("POST", "/v1/auth/login", token: nil, body: login)
            #expect(signedIn.status == 200, "\(signedIn.text)")
            let admin = try #require(try gateway.object(signedIn)["access_token"] as? String)
            let refresh = try #require(try gateway.object(signedIn)["refresh_token"] as? String)
            #expect(try await gateway.send("GET", "/v1/sites", token: admin).status == 200)
            #expect(try await gateway.send("POST", "/v1/auth/login", token: nil, body: login).status == 200)
            let activeUsers = try await gateway.harness.services.postgres.query("""
                SELECT u.active_users::int8 FROM tenant_usage_daily u JOIN tenants t ON t.id = u.tenant_id
                WHERE t.slug = \(tenant.slug) AND u.day = (now() AT TIME ZONE 'UTC')::date
                """).decode(Int64.self)
            #expect(activeUsers == [1], "a user signing in twice a day is one active user")

            for body in [
                #"{"tenant":"\#(tenant.slug)","email":"admin@\#(tenant.slug).example","password":"wrong password here"}"#,
                #"{"tenant":"nobody-here","email":"admin@\#(tenant.slug).example","password":"\#(Self.password)"}"#,
                #"{"tenant":"\#(tenant.slug)","email":"ghost@\#(tenant.slug).example","password":"\#(Self.password)"}"#,
            ] {
                let refused = try await gateway.send("POST", "/v1/auth/login", token: nil, body: body)
                #expect(refused.status == 401)
                #expect(refused.text.contains("The tenant, e-mail or password is wrong."))
            }

            let invited = try await gateway.send("POST", "/v1/users", token: admin, body: #"{"email":"Tech@Example.fr","role":"technician","display_name":"Léa"}"#)
            #expect(invited.status == 201, "\(invited.text)")
            let invitation = try gateway.object(invited)
            let user = try #require(invitation["user"] as? [String: Any])
            #expect(user["email"] as? String == "tech@example.fr")
            #expect(user["password_hash"] == nil && user["invite_token_hash"] == nil, "secrets never leave the database")
            let token = try #require(invitation["invite_token"] as? String)
            let technician = try await gateway.send("POST", "/v1/auth/invitations/accept", token: nil,
                                                    body: #"{"tenant":"\#(tenant.slug)","token":"\#(token)","password":"\#(Self.password)!"}"#)
            #expect(technician.status == 200)
            let technicianToken = try #require(try gateway.object(technician)["access_token"] as? String)
            #expect(try await gateway.send("POST", "/v1/users", token: technicianToken, body: #"{"email":"x@example.fr","role":"manager"}"#).status == 403)
            #expect(try await gateway.send("POST", "/v1/users", token: gateway.token(.manager), body: #"{"email":"x@example.fr","role":"manager"}"#).status == 403)
            #expect(try await gateway.send("POST", "/v1/users", token: admin, body: #"{"email":"not-an-email","role":"overlord"}"#).invalidFields == ["email", "role"])

            let reset = try await gateway.send("POST", "/v1/users/\(try #require(user["id"] as? String))/password-reset", token: admin)
            #expect(reset.status == 201)
            let resetToken = try #require(try gateway.object(reset)["token"] as? String)
            let newPassword = "another long passphrase"
            #expect(try await gateway.send("POST", "/v1/auth/password-reset/confirm", token: nil,
                                           body: #"{"tenant":"\#(tenant.slug)","token":"\#(resetToken)","password":"\#(newPassword)"}"#).status == 200)
            #expect(try await gateway.send("POST", "/v1/auth/login", token: nil,
                                           body: #"{"tenant":"\#(tenant.slug)","email":"tech@example.fr","password":"\#(newPassword)"}"#).status == 200)

            #expect(try await gateway.send("POST", "/v1/auth/logout", token: admin).status == 204)
            #expect(try await gateway.send("POST", "/v1/auth/refresh", token: nil, body: #"{"refresh_token":"\#(refresh)"}"#).status == 401,
                    "signing out revokes the refresh tokens")
        }
    }

    @Test func roleAndStatusChangesAreTheAdminsOnly() async throws {
        try await TenantGateway.run { gateway in
            let admin = gateway.token(.tenantAdmin)
            let invited = try gateway.object(try await gateway.send("POST", "/v1/users", token: admin, body: #"{"email":"pm@example.fr","role":"project_manager"}"#))
            let id = try #require((invited["user"] as? [String: Any])?["id"] as? String)
            let promote = #"{"role":"manager"}"#
            #expect(try await gateway.send("PATCH", "/v1/users/\(id)", token: gateway.token(.manager), body: promote, headers: [("If-Match", "\"1\"")]).status == 403)
            let promoted = try await gateway.send("PATCH", "/v1/users/\(id)", token: admin, body: promote, headers: [("If-Match", "\"1\"")])
            #expect(promoted.status == 200, "\(promoted.text)")
            let activate = try await gateway.send("PATCH", "/v1/users/\(id)", token: admin, body: #"{"status":"active"}"#, headers: [("If-Match", "\"2\"")])
            #expect(activate.status == 422, "an invited user without a password cannot be made active")
            #expect(try await gateway.send("PATCH", "/v1/users/\(id)", token: admin, body: #"{"password_hash":"x"}"#, headers: [("If-Match", "\"2\"")]).invalidFields == ["password_hash"])
            #expect(try await gateway.send("DELETE", "/v1/users/\(id)", token: admin, headers: [("If-Match", "\"2\"")]).status == 405)
        }
    }
}
