import Foundation
import GatewayCore
import Identity
import Jobs
import Operations
import TestSupport
import Testing

@Suite("fieldopsctl command line", .timeLimit(.minutes(2)))
struct CommandLineTests {
    @Test("every new command answers --help with exit 0")
    func help() async throws {
        for words in [["dlq", "list"], ["dlq", "show"], ["dlq", "replay"], ["dlq", "purge"], ["jobs", "show"], ["token", "issue"]] {
            let run = try await CommandLineRun(words + ["--help"])
            #expect(run.status == 0)
            #expect(run.output.hasPrefix("fieldopsctl " + words.joined(separator: " ")))
        }
    }

    @Test("dlq list --json prints the parked messages; purge refuses without --yes")
    func listAndPurge() async throws {
        try await withParkingFixture { fixture in
            let ids = try await fixture.parkFour()

            let listed = try await CommandLineRun(["dlq", "list", fixture.queue, "--json"])
            #expect(listed.status == 0)
            let summaries = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
            #expect(summaries.compactMap { $0["message_id"] as? String } == ids)
            #expect(summaries.first?["reason"] as? String == "photo not found")
            #expect(summaries.first?["parked_at"] as? String == "2023-11-14T22:13:20Z")

            let refused = try await CommandLineRun(["dlq", "purge", fixture.queue])
            #expect(refused.status == 2)
            #expect(refused.errorOutput.contains("--yes"))
            #expect(try await fixture.connection.inspectQueue(name: fixture.parkingQueue.name).messageCount == 4)

            let purged = try await CommandLineRun(["dlq", "purge", fixture.queue, "--yes"])
            #expect(purged.status == 0)
            #expect(purged.output.contains("purged 4 message(s)"))
        }
    }

    @Test("dlq replay needs --id or --all; an unknown id exits 1 and moves nothing")
    func replayUsage() async throws {
        try await withParkingFixture { fixture in
            let ids = try await fixture.parkFour()
            #expect(try await CommandLineRun(["dlq", "replay", fixture.queue]).status == 2)
            #expect(try await CommandLineRun(["dlq", "replay", fixture.queue, "--id", ids[0], "--all"]).status == 2)
            #expect(try await CommandLineRun(["dlq", "replay", fixture.queue, "--id", "no-such-message"]).status == 1)

            let replayed = try await CommandLineRun(["dlq", "replay", fixture.queue, "--id", ids[0]])
            #expect(replayed.status == 0)
            #expect(replayed.output.contains("1 message(s) replayed"))
            #expect(try await fixture.parkingLot().list(limit: 50).map(\.messageID) == Array(ids.dropFirst()))
        }
    }

    @Test("jobs show prints a job from the control plane, or exits 1 for an unknown id")
    func jobsShow() async throws {
        let pool = try await TestServices.controlPlanePool()
        let id = UUID()
        let tenant = TestServices.uniqueName("tenant")
        do {
            let store = JobStore(pool: pool)
            try await store.create(id: id, tenant: tenant, kind: "report.render.v1", submittedBy: "user-7", payload: Array(#"{"site":"S1"}"#.utf8))
            #expect(try await store.markFailed(id: id, error: Array(#"{"reason":"template missing"}"#.utf8)))
            #expect(try await store.find(id: id)?.tenant == tenant)
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()

        let shown = try await CommandLineRun(["jobs", "show", id.uuidString])
        #expect(shown.status == 0)
        for line in ["tenant:       \(tenant)", "status:       failed", "kind:         report.render.v1", #""reason" : "template missing""#] {
            #expect(shown.output.contains(line))
        }
        let absent = try await CommandLineRun(["jobs", "show", UUID().uuidString])
        #expect(absent.status == 1)
        #expect(absent.errorOutput.contains("no such job"))
        #expect(try await CommandLineRun(["jobs", "show", "not-a-uuid"]).status == 2)
    }

    @Test("token issue prints a token the gateway's verifier accepts; a tenant role without --tenant is refused")
    func tokenIssue() async throws {
        let seed = String(repeating: "5a", count: 32)
        let environment = ["FIELDOPS_TOKEN_SIGNING_SEED": seed, "FIELDOPS_TOKEN_KEY_ID": "ops-test", "FIELDOPS_TOKEN_AUDIENCE": "tests"]
        let issued = try await CommandLineRun(
            ["token", "issue", "--subject", "user-9", "--role", "site_lead", "--tenant", "acme", "--ttl-seconds", "120"],
            environment: environment
        )
        #expect(issued.status == 0)
        let key = try TokenSigningKey(keyID: "ops-test", hexSeed: seed)
        let verifier = AccessTokenVerifier(publicKeys: [key.keyID: key.publicKey], issuer: "fieldops360", audience: "tests")
        let claims = try verifier.verify(issued.output.trimmingCharacters(in: .whitespacesAndNewlines), now: Int64(Date().timeIntervalSince1970))
        #expect(claims.subject == "user-9")
        #expect(claims.role == .siteLead)
        #expect(claims.tenant == "acme")
        #expect(claims.expiresAt - claims.issuedAt == 120)

        let noTenant = try await CommandLineRun(["token", "issue", "--subject", "u", "--role", "manager"], environment: environment)
        #expect(noTenant.status == 2)
        #expect(noTenant.errorOutput.contains("needs a tenant"))
        #expect(try await CommandLineRun(["token", "issue", "--subject", "u", "--role", "overlord"], environment: environment).status == 2)
        let unsigned = try await CommandLineRun(
            ["token", "issue", "--subject", "u", "--role", "platform_admin"], environment: ["FIELDOPS_TOKEN_SIGNING_SEED": ""]
        )
        #expect(unsigned.status == 1)
        #expect(unsigned.errorOutput.contains("FIELDOPS_TOKEN_SIGNING_SEED"))
    }
}
