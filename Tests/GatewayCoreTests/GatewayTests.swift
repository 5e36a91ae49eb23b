import Foundation
import GatewayCore
import HTTPClient
import Identity
import Testing

@Suite("Gateway", .timeLimit(.minutes(2)))
struct GatewayTests {
    @Test("a valid report request is accepted with 202, a Location, and a queued job readable by its tenant only")
    func accepted() async throws {
        let gateway = try await GatewayHarness()
        let response = try await gateway.request("POST", "/v1/reports", token: gateway.token(), body: GatewayHarness.weeklyReport)
        #expect(response.status == 202)
        let location = try #require(response.header("Location"))
        #expect(location.hasPrefix("/v1/jobs/"))
        let job = try await gateway.request("GET", location, token: gateway.token(role: .technician))
        #expect(job.status == 200)
        #expect(try gateway.json(job)["kind"] as? String == "report.render.v1")
        #expect(["queued", "running", "succeeded"].contains(try gateway.json(job)["status"] as? String))
        let foreign = try await gateway.request("GET", location, token: gateway.token(tenant: "another-tenant"))
        #expect(foreign.status == 404)
        await gateway.shutDown()
    }

    @Test("expired, forged and missing tokens are 401; a role too low or a token without tenant is 403")
    func authentication() async throws {
        let gateway = try await GatewayHarness()
        let now = Int64(Date().timeIntervalSince1970)
        var expiredClaims = gateway.issuer.issue(subject: "u", tenant: gateway.tenant, role: .manager, now: now - 3600).claims
        expiredClaims.expiresAt = now - 600
        let expired = gateway.issuer.sign(expiredClaims)
        let forger = AccessTokenIssuer(key: .generate(keyID: "k1"), issuer: "fieldops360", audience: "fieldops-api")
        let forged = forger.issue(subject: "u", tenant: gateway.tenant, role: .platformAdmin, now: now).token

        for token in [expired, forged, "garbage"] {
            let response = try await gateway.request("POST", "/v1/reports", token: token, body: GatewayHarness.weeklyReport)
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(response.header("Content-Type") == "application/problem+json")
        }
        #expect(try await gateway.request("POST", "/v1/reports", body: GatewayHarness.weeklyReport).status == 401)
        let technician = try await gateway.request("POST", "/v1/reports", token: gateway.token(role: .technician), body: GatewayHarness.weeklyReport)
        #expect(technician.status == 403)
        let platform = gateway.issuer.issue(subject: "admin", tenant: nil, role: .platformAdmin, now: now).token
        #expect(try await gateway.request("POST", "/v1/reports", token: platform, body: GatewayHarness.weeklyReport).status == 403)
        #expect(try await gateway.jobCount() == 0)
        await gateway.shutDown()
    }

    @Test("invalid fields are a 422 problem naming each field; malformed JSON is a 400")
    func validation() async throws {
        let gateway = try await GatewayHarness()
        let invalid = try await gateway.request("POST", "/v1/reports", token: gateway.token(),
                                                body: #"{"report":"daily_site","format":"pdf","from":"2026-12-09","to":"2026-12-01"}"#)
        #expect(invalid.status == 422)
        let errors = try gateway.json(invalid)["errors"] as? [[String: String]]
        #expect(Set(errors?.compactMap { $0["field"] } ?? []) == ["site_id", "to"])
        let malformed = try await gateway.request("POST", "/v1/reports", token: gateway.token(), body: #"{"report":"weekly""#)
        #expect(malformed.status == 400)
        let unknown = try await gateway.request("POST", "/v1/reports", token: gateway.token(), body: #"{"report":"yearly","format":"pdf","from":"2026-01-01","to":"2026-01-02"}"#)
        #expect(unknown.status == 400)
        #expect(try await gateway.jobCount() == 0)
        await gateway.shutDown()
    }

    @Test("ten concurrent identical POSTs with one Idempotency-Key make one job; later retries replay it byte for byte")
    func idempotency() async throws {
        let gateway = try await GatewayHarness()
        let token = gateway.token()
        let key = UUID().uuidString
        let responses = try await withThrowingTaskGroup(of: HTTPClientResponse.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await gateway.request("POST", "/v1/reports", token: token, body: GatewayHarness.weeklyReport, headers: [("Idempotency-Key", key)])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(responses.allSatisfy { [202, 409].contains($0.status) })
        let accepted = responses.filter { $0.status == 202 }
        #expect(Set(accepted.map(\.body)).count == 1, "every 202 is the same job")
        #expect(try await gateway.jobCount() == 1)

        let retry = try await gateway.request("POST", "/v1/reports", token: token, body: GatewayHarness.weeklyReport, headers: [("Idempotency-Key", key)])
        #expect(retry.status == 202)
        #expect(retry.body == accepted.first?.body)
        #expect(retry.header("Idempotent-Replayed") == "true")
        let other = try await gateway.request("POST", "/v1/reports", token: token,
                                              body: #"{"report":"monthly","format":"xlsx","from":"2026-11-01","to":"2026-11-30"}"#, headers: [("Idempotency-Key", key)])
        #expect(other.status == 422)
        #expect(try await gateway.jobCount() == 1)
        await gateway.shutDown()
    }

    @Test("over the client's budget, requests get 429 with Retry-After")
    func rateLimited() async throws {
        let gateway = try await GatewayHarness(overrides: ["FIELDOPS_RATE_LIMIT_CLIENT_PER_SECOND": "1", "FIELDOPS_RATE_LIMIT_CLIENT_BURST": "2"])
        let token = gateway.token(subject: "burst-\(UUID().uuidString)")
        var statuses: [Int] = []
        for _ in 0..<4 {
            statuses.append(try await gateway.request("GET", "/v1/jobs/\(UUID().uuidString)", token: token).status)
        }
        #expect(statuses.prefix(2).allSatisfy { $0 == 404 })
        #expect(statuses.last == 429)
        let limited = try await gateway.request("GET", "/v1/jobs/\(UUID().uuidString)", token: token)
        #expect(limited.status == 429)
        #expect(Int(limited.header("Retry-After") ?? "") ?? 0 >= 1)
        await gateway.shutDown()
    }

    @Test("with the broker unreachable, a submission is a 503 with Retry-After and leaves no job")
    func brokerDown() async throws {
        let gateway = try await GatewayHarness(overrides: ["FIELDOPS_AMQP_URL": "amqp://fieldops:fieldops-local@127.0.0.1:1/%2F"], connectBroker: false)
        let response = try await gateway.request("POST", "/v1/reports", token: gateway.token(), body: GatewayHarness.weeklyReport)
        #expect(response.status == 503)
        #expect(response.header("Retry-After") == "5")
        #expect(try await gateway.jobCount() == 0)
        let ready = try await gateway.request("GET", "/readyz")
        #expect(ready.status == 503)
        #expect(try gateway.json(ready)["checks"] as? [String: String] == ["postgres": "up", "redis": "up", "rabbitmq": "down"])
        await gateway.shutDown()
    }

    @Test("a refresh token rotates into new tokens that work; replaying the old one is refused")
    func refresh() async throws {
        let gateway = try await GatewayHarness()
        let grant = try await RefreshTokenStore(pool: gateway.services.postgres).issue(subject: "user-9", tenant: gateway.tenant, role: .projectManager)
        let response = try await gateway.request("POST", "/v1/auth/refresh", body: #"{"refresh_token":"\#(grant.refreshToken)"}"#)
        #expect(response.status == 200)
        let body = try gateway.json(response)
        let access = try #require(body["access_token"] as? String)
        #expect(body["refresh_token"] as? String != grant.refreshToken)
        #expect(try await gateway.request("POST", "/v1/reports", token: access, body: GatewayHarness.weeklyReport).status == 202)
        let replay = try await gateway.request("POST", "/v1/auth/refresh", body: #"{"refresh_token":"\#(grant.refreshToken)"}"#)
        #expect(replay.status == 401)
        await gateway.shutDown()
    }

    @Test("a refused request under an Idempotency-Key is replayed byte for byte too")
    func idempotentRefusal() async throws {
        let gateway = try await GatewayHarness()
        let body = #"{"report":"daily_site","format":"pdf","from":"2026-12-01","to":"2026-12-01"}"#
        let first = try await gateway.request("POST", "/v1/reports", token: gateway.token(), body: body, headers: [("Idempotency-Key", "refused-once")])
        let again = try await gateway.request("POST", "/v1/reports", token: gateway.token(), body: body, headers: [("Idempotency-Key", "refused-once")])
        #expect(first.status == 422)
        #expect(again.status == 422)
        #expect(again.body == first.body)
        #expect(again.header("Idempotent-Replayed") == "true")
        await gateway.shutDown()
    }
}
