import Foundation
import Postgres
import Tenancy
import TestSupport
import Testing

/// A tenant moved to the other server keeps its data, its role and its audit chain; it is refused
/// while it moves and reached on the new server afterwards.
@Suite struct TenantMoveTests {
    @Test func aMovedTenantKeepsItsDataAndIsRefusedWhileMoving() async throws {
        let slug = TenancyTestServices.uniqueSlug("move")
        let configuration = try TenancyTestServices.configuration(placementTimeToLive: .milliseconds(1_500))
        try await ProvisionerFixture.run(configuration: configuration, cleaning: [slug]) { fixture in
            _ = try await fixture.provision(slug, sector: "btp", server: TenancyTestServices.serverA)
            let registry = TenantDatabases(controlPlane: fixture.controlPlane, configuration: configuration, logger: TestServices.logger)
            let before = try await registry.pool(for: slug)
            try await before.query("""
                INSERT INTO sites (code, name, site_type, client_name, latitude, longitude) VALUES ('MV-1', 'Chantier déplacé', 'building', 'ACME', 48.1, -1.6)
                """)
            let entries = try await before.query("SELECT count(*) FROM audit_log").decode(Int64.self)[0]

            let moving = Task { try await fixture.provisioner.move(slug, to: TenancyTestServices.serverB) }
            try await eventually { try await fixture.provisioner.find(slug)?.status == .moving }
            await registry.invalidate(slug)
            let refused = await #expect(throws: TenancyError.self) { try await registry.pool(for: slug) }
            #expect(refused?.code == .tenantUnavailable, "the write freeze")
            let moved = try await moving.value
            #expect(moved.status == .active)
            #expect(moved.placement.serverName == TenancyTestServices.serverB)

            await registry.invalidate(slug)
            let after = try await registry.pool(for: slug)
            #expect(try await after.query("SELECT name FROM sites WHERE code = 'MV-1'").decode(String.self) == ["Chantier déplacé"])
            #expect(try await after.query("SELECT count(*) FROM audit_log").decode(Int64.self)[0] == entries)
            #expect(try await after.query("SELECT current_user").decode(String.self)[0] == moved.placement.roleName)
            try await after.query("UPDATE sites SET name = 'Toujours modifiable' WHERE code = 'MV-1'")
            let owners = try await after.query("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'").decode(String.self)
            #expect(owners == [moved.placement.roleName], "the tenant's role owns everything on the new server")

            let oldServer = try await TenancyTestServices.adminConnection(TenancyTestServices.serverA)
            #expect(try await oldServer.query("SELECT 1 FROM pg_database WHERE datname = \(moved.placement.databaseName)").isEmpty, "the old copy is dropped")
            await oldServer.close()
            await #expect(throws: TenancyError.self, "moving to where it is") { try await fixture.provisioner.move(slug, to: TenancyTestServices.serverB) }
            await registry.close()
        }
    }
}

/// Deleting a tenant writes its archive first; the archive restores.
@Suite struct TenantDeletionTests {
    @Test func aDeletedTenantLeavesARestorableArchive() async throws {
        let slug = TenancyTestServices.uniqueSlug("gone")
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("\(slug).dump").path
        defer { try? FileManager.default.removeItem(atPath: archive) }
        try await ProvisionerFixture.run(cleaning: []) { fixture in
            let result = try await fixture.provision(slug, sector: "public_works", server: TenancyTestServices.serverA)
            try await fixture.provisioner.delete(slug, archivePath: archive)
            #expect(try await fixture.provisioner.find(slug) == nil)
            let listing = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["pg_restore", "--list", archive])
            #expect(listing.status == 0)
            #expect(listing.output.contains("TABLE public audit_log") && listing.output.contains("TABLE DATA public work_types"))
            let server = try await TenancyTestServices.adminConnection(TenancyTestServices.serverA)
            #expect(try await server.query("SELECT 1 FROM pg_database WHERE datname = \(result.tenant.placement.databaseName)").isEmpty)
            await server.close()
            await #expect(throws: TenancyError.self) { try await fixture.provisioner.delete(slug, archivePath: archive) }
        }
    }
}
