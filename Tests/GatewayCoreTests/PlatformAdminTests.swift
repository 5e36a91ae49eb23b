import Foundation
import GatewayCore
import HTTPClient
import Identity
import Telemetry
import TestSupport
import Testing

/// Platform administrators provision and manage tenants over HTTP; tenant roles cannot.
@Suite("Platform administration")
struct PlatformAdminTests {
    @Test func aPlatformAdminProvisionsSuspendsResumesAndLicensesATenant() async throws {
        let harness = try await GatewayHarness()
        let slug = TestServices.uniqueName("p")
        let outcome: Result<Void, any Error>
        do {
            let platform = harness.token(role: .platformAdmin, tenant: nil)
            let body = #"{"slug":"\#(slug)","name":"Électricité Durand","sector":"electrical","admin_email":"admin@\#(slug).example"}"#
            #expect(try await harness.request("POST", "/admin/v1/tenants", token: harness.token(role: .tenantAdmin), body: body).status == 403)

            let created = try await harness.request("POST", "/admin/v1/tenants", token: platform, body: body)
            #expect(created.status == 201, "\(String(decoding: created.body, as: UTF8.self))")
            let tenant = try harness.json(created)
            #expect(tenant["status"] as? String == "active")
            #expect((tenant["admin_invite_token"] as? String)?.count == 64)
            #expect((tenant["steps"] as? [[String: Any]])?.count == 7)
            #expect(tenant["duration_ms"] is Int, "each run reports its duration")
            let again = try await harness.request("POST", "/admin/v1/tenants", token: platform, body: body)
            #expect(again.status == 200, "provisioning is idempotent")
            #expect(try harness.json(again)["admin_invite_token"] == nil)
            let bad = try await harness.request("POST", "/admin/v1/tenants", token: platform,
                                                body: #"{"slug":"Not A Slug","name":"X","sector":"bakery","admin_email":"x"}"#)
            #expect(bad.status == 422)

            let member = harness.token(role: .manager, tenant: slug)
            #expect(try await harness.request("GET", "/v1/sites", token: member).status == 200)
            #expect(try await harness.request("POST", "/admin/v1/tenants/\(slug)/suspend", token: platform).status == 200)
            #expect(try await harness.request("GET", "/v1/sites", token: member).status == 403, "a suspended tenant is refused at once")
            #expect(try await harness.request("POST", "/admin/v1/tenants/\(slug)/resume", token: platform).status == 200)
            #expect(try await harness.request("GET", "/v1/sites", token: member).status == 200)

            let licence = try await harness.request("PUT", "/admin/v1/tenants/\(slug)/licence", token: platform,
                                                    body: #"{"seats":25,"modules":["gps","photos"],"expires_on":"2027-12-31"}"#)
            #expect(licence.status == 200)
            #expect((try harness.json(licence)["licence"] as? [String: Any])?["seats"] as? Int == 25)
            #expect(try await harness.request("PUT", "/admin/v1/tenants/\(slug)/licence", token: harness.token(role: .siteLead, tenant: slug),
                                              body: #"{"seats":999}"#).status == 403, "a site lead cannot change licences")
            let listed = try harness.json(try await harness.request("GET", "/admin/v1/tenants", token: platform))
            #expect((listed["items"] as? [[String: Any]])?.contains { $0["slug"] as? String == slug } == true)
            #expect(try await harness.request("POST", "/admin/v1/tenants/no-such-tenant/suspend", token: platform).status == 404)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try? await harness.services.provisioner.abandon(slug)
        await harness.shutDown()
        try outcome.get()
    }
}

/// Each tenant's usage of the day reaches the gateway's /metrics, where the usage and cost dashboard
/// reads it.
@Suite("Tenant usage metrics")
struct TenantUsageMetricsTests {
    @Test func todaysUsageIsExportedPerTenantAndKind() async throws {
        try await TenantGateway.run { gateway in
            let pool = gateway.harness.services.postgres
            try await pool.query("""
                INSERT INTO tenant_usage_daily (tenant_id, day, positions, photos, reports, storage_bytes, active_users)
                SELECT id, (now() AT TIME ZONE 'UTC')::date, 1200, 7, 2, 5000000, 3 FROM tenants WHERE slug = \(gateway.slug)
                ON CONFLICT (tenant_id, day) DO UPDATE SET positions = 1200, photos = 7, reports = 2, storage_bytes = 5000000, active_users = 3
                """)
            let metrics = MetricsRegistry()
            try await TenantUsageExporter(pool: pool, metrics: metrics, logger: TestServices.logger).refresh()
            let exposition = metrics.exposition()
            for (kind, value) in [("positions", "1200"), ("photos", "7"), ("reports", "2"), ("storage_bytes", "5000000"), ("active_users", "3")] {
                #expect(exposition.contains(#"fieldops_tenant_usage_today{tenant="\#(gateway.slug)",kind="\#(kind)"} \#(value)"#), "\(kind)")
            }
        }
    }
}
