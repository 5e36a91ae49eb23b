import FieldOpsCrypto
import Foundation
import Postgres
import Tenancy
import TestSupport
import Testing

/// Provisioning against the two real local PostgreSQL servers.
@Suite struct TenantProvisionerTests {
    @Test func twoTenantsArePlacedOnTheTwoServersWithTheirSectorsReferenceData() async throws {
        let btp = TenancyTestServices.uniqueSlug("btp")
        let electrical = TenancyTestServices.uniqueSlug("elec")
        try await ProvisionerFixture.run(cleaning: [btp, electrical]) { fixture in
            let first = try await fixture.provision(btp, sector: "btp", server: TenancyTestServices.serverA)
            let second = try await fixture.provision(electrical, sector: "electrical", server: TenancyTestServices.serverB)
            #expect(first.tenant.status == .active && second.tenant.status == .active)
            #expect(first.tenant.placement.serverName == TenancyTestServices.serverA)
            #expect(second.tenant.placement.serverName == TenancyTestServices.serverB)
            #expect(first.steps.map(\.step) == ProvisioningStep.allCases)
            #expect(first.steps.allSatisfy { $0.outcome == .done })

            for (result, sector, own, foreign) in [
                (first, "btp", "gros_oeuvre", "irve"), (second, "electrical", "irve", "gros_oeuvre"),
            ] {
                let placement = result.tenant.placement
                let otherServer = placement.serverName == TenancyTestServices.serverA ? TenancyTestServices.serverB : TenancyTestServices.serverA
                let elsewhere = try await TenancyTestServices.adminConnection(otherServer)
                #expect(try await elsewhere.query("SELECT 1 FROM pg_database WHERE datname = \(placement.databaseName)").isEmpty)
                await elsewhere.close()

                let database = try await TenancyTestServices.adminConnection(placement.serverName, database: placement.databaseName)
                let owners = try await database.query("""
                    SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename
                    """).decode((String, String).self)
                #expect(Set(owners.map(\.0)).isSuperset(of: ["inbox", "users", "work_types", "skills", "units", "materials", "checklist_templates"]))
                #expect(owners.allSatisfy { $0.1 == placement.roleName }, "tables belong to the tenant's role")
                let codes = try await database.query("SELECT code FROM work_types").decode(String.self)
                #expect(codes.contains(own) && !codes.contains(foreign), "\(sector) work types")
                #expect(try await database.query("SELECT count(*) FROM materials").decode(Int.self)[0] >= 10)
                #expect(try await database.query("SELECT count(*) FROM checklist_template_items").decode(Int.self)[0] >= 9)
                let admins = try await database.query("SELECT email, role, status, invite_token_hash FROM users").decode((String, String, String, [UInt8]).self)
                #expect(admins.count == 1)
                #expect(admins.first?.0 == result.tenant.adminEmail && admins.first?.1 == "tenant_admin" && admins.first?.2 == "invited")
                let token = try #require(result.inviteToken)
                #expect(admins.first?.3 == SHA256.digest(Array(token.utf8)), "only the token's SHA-256 is stored")
                await database.close()
            }
        }
    }

    @Test func aTenantRoleCannotConnectToAnotherTenantsDatabase() async throws {
        let first = TenancyTestServices.uniqueSlug("iso-a")
        let second = TenancyTestServices.uniqueSlug("iso-b")
        try await ProvisionerFixture.run(cleaning: [first, second]) { fixture in
            let a = try await fixture.provision(first, sector: "public_works", server: TenancyTestServices.serverA)
            let b = try await fixture.provision(second, sector: "public_works", server: TenancyTestServices.serverA)
            let roleA = a.tenant.placement.roleName
            let passwordA = try await fixture.password(of: first)
            let server = try TenancyTestServices.server(TenancyTestServices.serverA).admin
            func connect(as role: String, to database: String) async throws(PostgresError) -> PostgresConnection {
                var configuration = server
                configuration.user = role
                configuration.password = passwordA
                configuration.database = database
                return try await PostgresConnection.connect(configuration: configuration, logger: TestServices.logger)
            }
            let own = try await connect(as: roleA, to: a.tenant.placement.databaseName)
            #expect(try await own.query("SELECT count(*) FROM work_types").decode(Int.self)[0] > 0)
            await own.close()

            let refused = await #expect(throws: PostgresError.self) { try await connect(as: roleA, to: b.tenant.placement.databaseName) }
            #expect(refused?.code == .connectionFailed)
            #expect(refused?.message.contains("permission denied for database") == true)
            // Databases left open to PUBLIC (the control plane here) let it in, but it can read nothing there.
            let controlPlane = try await connect(as: roleA, to: fixture.controlPlane.configuration.database)
            let denied = await #expect(throws: PostgresError.self) { try await controlPlane.query("SELECT count(*) FROM tenants") }
            #expect(denied?.sqlState == "42501")
            await controlPlane.close()
        }
    }

    @Test func provisioningAnActiveTenantAgainChangesNothing() async throws {
        let slug = TenancyTestServices.uniqueSlug("twice")
        try await ProvisionerFixture.run(cleaning: [slug]) { fixture in
            let first = try await fixture.provision(slug, sector: "electrical")
            let again = try await fixture.provision(slug, sector: "electrical")
            #expect(again.tenant.id == first.tenant.id)
            #expect(again.tenant.placement == first.tenant.placement)
            #expect(again.steps.isEmpty && again.inviteToken == nil)
            let other = await #expect(throws: TenancyError.self) { try await fixture.provision(slug, sector: "btp") }
            #expect(other?.code == .conflict)
            let placement = first.tenant.placement
            let database = try await TenancyTestServices.adminConnection(placement.serverName, database: placement.databaseName)
            let hashes = try await database.query("SELECT invite_token_hash FROM users").decode([UInt8].self)
            #expect(hashes == [SHA256.digest(Array(first.inviteToken!.utf8))], "the first invite token still works")
            await database.close()
        }
    }

    @Test func aFailedStepLeavesTheTenantProvisioningAndARerunResumes() async throws {
        let slug = TenancyTestServices.uniqueSlug("resume")
        let databaseName = TenantPlacement.databaseName(for: try TenantSlug(slug))
        try await ProvisionerFixture.run(cleaning: [slug]) { fixture in
            // A database of that name owned by someone else: provisioning must refuse to adopt it.
            let admin = try await TenancyTestServices.adminConnection(TenancyTestServices.serverB)
            try await admin.execute(script: "CREATE DATABASE \(databaseName)")
            let failure = await #expect(throws: TenancyError.self) {
                try await fixture.provision(slug, sector: "btp", server: TenancyTestServices.serverB)
            }
            #expect(failure?.code == .stepFailed)
            #expect(try await fixture.provisioner.find(slug)?.status == .provisioning)
            let steps = try await fixture.controlPlane.query("""
                SELECT s.step, s.status, coalesce(s.detail, '') FROM tenant_provisioning_steps s JOIN tenants t ON t.id = s.tenant_id
                WHERE t.slug = \(slug)
                """).decode((String, String, String).self)
            let byStep = Dictionary(uniqueKeysWithValues: steps.map { ($0.0, ($0.1, $0.2)) })
            #expect(byStep["create_role"]?.0 == "done")
            #expect(byStep["create_database"]?.0 == "failed")
            #expect(byStep["create_database"]?.1.contains("refusing to adopt") == true)
            #expect(byStep["migrate"] == nil)

            try await admin.execute(script: "DROP DATABASE \(databaseName)")
            await admin.close()
            let resumed = try await fixture.provision(slug, sector: "btp", server: TenancyTestServices.serverB)
            #expect(resumed.tenant.status == .active)
            #expect(resumed.steps.first { $0.step == .createRole }?.outcome == .skipped)
            #expect(resumed.steps.filter { $0.step != .createRole }.allSatisfy { $0.outcome == .done })
            #expect(resumed.inviteToken != nil)
        }
    }

    @Test func abandonRemovesDatabaseRoleAndRecord() async throws {
        let slug = TenancyTestServices.uniqueSlug("gone")
        try await ProvisionerFixture.run(cleaning: []) { fixture in
            let result = try await fixture.provision(slug, sector: "public_works", server: TenancyTestServices.serverB)
            try await fixture.provisioner.abandon(slug)
            #expect(try await fixture.provisioner.find(slug) == nil)
            let admin = try await TenancyTestServices.adminConnection(TenancyTestServices.serverB)
            #expect(try await admin.query("SELECT 1 FROM pg_database WHERE datname = \(result.tenant.placement.databaseName)").isEmpty)
            #expect(try await admin.query("SELECT 1 FROM pg_roles WHERE rolname = \(result.tenant.placement.roleName)").isEmpty)
            await admin.close()
        }
    }

    @Test func suspendResumeAndLicenceChangeTheRecord() async throws {
        let slug = TenancyTestServices.uniqueSlug("licence")
        try await ProvisionerFixture.run(cleaning: [slug]) { fixture in
            _ = try await fixture.provision(slug, sector: "btp")
            #expect(try await fixture.provisioner.suspend(slug).status == .suspended)
            let twice = await #expect(throws: TenancyError.self) { try await fixture.provisioner.resume(slug + "-x") }
            #expect(twice?.code == .unknownTenant)
            #expect(try await fixture.provisioner.resume(slug).status == .active)
            let expiry = Date(timeIntervalSince1970: 1_900_000_000)
            let licence = TenantLicence(seats: 25, modules: ["gps", "reports"], limits: ["photos_per_month": 5000], expiresAt: expiry)
            #expect(try await fixture.provisioner.updateLicence(slug, licence).licence == licence)
            #expect(try await fixture.provisioner.list().first { $0.slug == slug }?.licence.seats == 25)
            let negative = await #expect(throws: TenancyError.self) {
                try await fixture.provisioner.updateLicence(slug, TenantLicence(seats: -1))
            }
            #expect(negative?.code == .invalidInput)
        }
    }
}
