import Foundation
import HTTPClient
import Identity
import Postgres
import TestSupport
import Testing

/// Every change through the API lands in the tenant's hash chain with who, which request and where;
/// `fieldopsctl audit verify` finds an edited, a deleted and a truncated entry.
@Suite("Audit trail")
struct AuditTrailTests {
    @Test func changesAreRecordedWithActorRequestAndPositionAndTamperingIsDetected() async throws {
        try await TenantGateway.run { gateway in
            let subject = UUID().uuidString.lowercased()
            let manager = gateway.token(.manager, subject: subject)
            let id = try await gateway.create("sites", SiteResourceTests.site, token: manager)
            let changed = try await gateway.send("PATCH", "/v1/sites/\(id)", token: manager, body: #"{"name":"Nouveau nom"}"#,
                                                 headers: [("If-Match", "\"1\""), ("X-Position", "48.1,-1.6"), ("X-Request-ID", "req-audit-1")])
            #expect(changed.status == 200)
            #expect(try await gateway.send("GET", "/v1/audit", token: gateway.token(.technician)).status == 403)

            let trail = try gateway.object(try await gateway.send("GET", "/v1/audit?entity=sites&entity_id=\(id)", token: manager))
            let entries = try #require(trail["items"] as? [[String: Any]])
            #expect(entries.map { $0["action"] as? String } == ["update", "insert"])
            let update = entries[0]
            #expect(update["actor"] as? String == "user:\(subject)")
            #expect(update["before"] as? [String: String] == ["name": "Résidence Les Tilleuls"])
            #expect(update["after"] as? [String: String] == ["name": "Nouveau nom"])
            #expect(update["latitude"] as? Double == 48.1 && update["longitude"] as? Double == -1.6)
            #expect(update["request_id"] as? String == "req-audit-1")
            #expect(try await gateway.send("GET", "/v1/audit?since=yesterday", token: manager).invalidFields == ["since"])

            let intact = try await CommandLineRun(["audit", "verify", gateway.slug])
            #expect(intact.status == 0, "\(intact.output) \(intact.errorOutput)")

            // The tenant's own role cannot switch the triggers off; a database superuser can, and edits history.
            let pool = try await gateway.harness.services.tenants.pool(for: gateway.slug)
            await #expect(throws: PostgresError.self) { try await pool.query("SET session_replication_role = replica") }
            let superuser = try await Self.superuserPool(gateway)
            defer { Task { await superuser.close() } }
            let last = try await pool.query("SELECT max(seq) FROM audit_log").decode(Int64.self)[0]
            try await superuser.withTransaction { connection in
                try await connection.query("SET LOCAL session_replication_role = replica")
                try await connection.query(#"UPDATE audit_log SET after = '{"name": "Autre"}' WHERE seq = \#(last)"#)
            }
            let edited = try await CommandLineRun(["audit", "verify", gateway.slug])
            #expect(edited.status == 3)
            #expect(edited.output.contains("entry \(last): its content no longer matches its hash (edited)"), "\(edited.output)")

            try await superuser.withTransaction { connection in
                try await connection.query("SET LOCAL session_replication_role = replica")
                try await connection.query("DELETE FROM audit_log WHERE seq = \(last - 1)")
            }
            let deleted = try await CommandLineRun(["audit", "verify", gateway.slug])
            #expect(deleted.output.contains("entries \(last - 1)…\(last - 1) are missing"), "\(deleted.output)")

            try await superuser.withTransaction { connection in
                try await connection.query("SET LOCAL session_replication_role = replica")
                try await connection.query("DELETE FROM audit_log WHERE seq >= \(last - 1)")
            }
            let truncated = try await CommandLineRun(["audit", "verify", gateway.slug])
            #expect(truncated.status == 3)
            #expect(truncated.output.contains("recorded head is entry \(last)"), "\(truncated.output)")
        }
    }

    /// The server's administrator on the tenant's database.
    static func superuserPool(_ gateway: TenantGateway) async throws -> PostgresPool {
        let tenant = try #require(try await gateway.provisioner.find(gateway.slug))
        var configuration = try #require(gateway.harness.configuration.tenancy.servers.first { $0.name == tenant.placement.serverName }).admin
        configuration.database = tenant.placement.databaseName
        return PostgresPool(configuration: configuration, logger: TestServices.logger)
    }
}
