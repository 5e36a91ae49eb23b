import Foundation
import GatewayCore
import HTTPClient
import Postgres
import Testing

@Suite("Gateway group commit", .timeLimit(.minutes(2)))
struct GroupCommitTests {
    @Test("concurrent submissions each get their own committed job; a row the database refuses fails only its own request")
    func concurrentSubmissions() async throws {
        let gateway = try await GatewayHarness()
        let token = gateway.token()
        // PostgreSQL text cannot hold NUL: this tenant's job row is refused by the database.
        let refusedToken = gateway.token(tenant: "refused\u{0}tenant")
        let responses = try await withThrowingTaskGroup(of: (refused: Bool, response: HTTPClientResponse).self) { group in
            for index in 0..<41 {
                group.addTask {
                    let refused = index == 20
                    let response = try await gateway.request(
                        "POST", "/v1/reports", token: refused ? refusedToken : token, body: GatewayHarness.weeklyReport
                    )
                    return (refused, response)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let accepted = responses.filter { !$0.refused }.map(\.response)
        #expect(accepted.allSatisfy { $0.status == 202 })
        #expect(responses.first { $0.refused }?.response.status == 500)

        let ids = try accepted.map { try #require(try gateway.json($0)["id"] as? String) }
        #expect(Set(ids).count == 40, "each request has a job of its own")
        #expect(accepted.map { $0.header("Location") } == ids.map { "/v1/jobs/\($0)" })
        let rows = try await gateway.services.postgres.query("""
            SELECT id::text, payload->>'report' FROM jobs WHERE tenant = \(gateway.tenant)
            """).decode((String, String).self)
        #expect(Set(rows.map(\.0)) == Set(ids))
        #expect(rows.allSatisfy { $0.1 == "weekly" })
        await gateway.shutDown()
    }

    @Test("concurrent requests over the client's budget: exactly the burst is admitted, the rest get 429")
    func rateLimitIsExactUnderConcurrency() async throws {
        let gateway = try await GatewayHarness(overrides: ["FIELDOPS_RATE_LIMIT_CLIENT_PER_SECOND": "1", "FIELDOPS_RATE_LIMIT_CLIENT_BURST": "5"])
        let token = gateway.token(subject: "burst-\(UUID().uuidString)")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<12 {
                group.addTask { try await gateway.request("GET", "/v1/jobs/\(UUID().uuidString)", token: token).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 404 }.count == 5)
        #expect(statuses.filter { $0 == 429 }.count == 7)
        await gateway.shutDown()
    }
}
