import Postgres
import Tenancy
import TestSupport
import Testing

/// The registry of tenant pools against provisioned tenants.
@Suite struct TenantDatabasesTests {
    @Test func suspendingATenantMakesTheRegistryRefuseIt() async throws {
        let slug = TenancyTestServices.uniqueSlug("susp")
        try await ProvisionerFixture.run(cleaning: [slug]) { fixture in
            _ = try await fixture.provision(slug, sector: "electrical", server: TenancyTestServices.serverB)
            // Placement read at every call, so the suspension shows at once.
            let registry = TenantDatabases(
                controlPlane: fixture.controlPlane, configuration: try TenancyTestServices.configuration(placementTimeToLive: .zero),
                logger: TestServices.logger
            )
            let pool = try await registry.pool(for: slug)
            #expect(try await pool.query("SELECT count(*) FROM skills").decode(Int.self)[0] > 0)
            #expect(try await pool.query("SELECT current_user").decode(String.self)[0].hasSuffix("_owner"))

            try await fixture.provisioner.suspend(slug)
            let refused = await #expect(throws: TenancyError.self) { try await registry.pool(for: slug) }
            #expect(refused?.code == .tenantSuspended)
            #expect(!registry.openTenants.contains(slug), "the suspended tenant's pool is closed")

            try await fixture.provisioner.resume(slug)
            #expect(try await registry.pool(for: slug).query("SELECT 1").decode(Int.self) == [1])
            let unknown = await #expect(throws: TenancyError.self) { try await registry.pool(for: slug + "-nobody") }
            #expect(unknown?.code == .unknownTenant)
            await registry.close()
        }
    }

    @Test func aCachedPlacementIsRefreshedWhenInvalidated() async throws {
        let slug = TenancyTestServices.uniqueSlug("cache")
        try await ProvisionerFixture.run(cleaning: [slug]) { fixture in
            _ = try await fixture.provision(slug, sector: "btp", server: TenancyTestServices.serverA)
            let registry = TenantDatabases(
                controlPlane: fixture.controlPlane, configuration: try TenancyTestServices.configuration(), logger: TestServices.logger
            )
            let pool = try await registry.pool(for: slug)
            #expect(try await registry.pool(for: slug) === pool, "the same pool while the placement is fresh")
            try await fixture.provisioner.suspend(slug)
            await registry.invalidate(slug)
            let refused = await #expect(throws: TenancyError.self) { try await registry.pool(for: slug) }
            #expect(refused?.code == .tenantSuspended)
            await registry.close()
        }
    }

    @Test func theRegistryClosesTheLeastRecentlyUsedPoolBeyondItsBound() async throws {
        let slugs = (0..<3).map { TenancyTestServices.uniqueSlug("lru\($0)") }
        try await ProvisionerFixture.run(cleaning: slugs) { fixture in
            for (index, slug) in slugs.enumerated() {
                _ = try await fixture.provision(slug, sector: "btp", server: index % 2 == 0 ? TenancyTestServices.serverA : TenancyTestServices.serverB)
            }
            let registry = TenantDatabases(
                controlPlane: fixture.controlPlane, configuration: try TenancyTestServices.configuration(maxTenantPools: 2),
                logger: TestServices.logger
            )
            let first = try await registry.pool(for: slugs[0])
            let second = try await registry.pool(for: slugs[1])
            _ = try await first.query("SELECT 1")
            _ = try await second.query("SELECT 1")
            _ = try await registry.pool(for: slugs[0])  // the first is now the most recently used
            let third = try await registry.pool(for: slugs[2])
            _ = try await third.query("SELECT 1")

            #expect(registry.openTenants == [slugs[2], slugs[0]])
            let closed = await #expect(throws: PostgresError.self) { try await second.query("SELECT 1") }
            #expect(closed?.code == .poolClosed)
            #expect(try await first.query("SELECT 1").decode(Int.self) == [1])
            // Asking again opens a fresh pool for the evicted tenant (and evicts the next one).
            #expect(try await registry.pool(for: slugs[1]).query("SELECT 1").decode(Int.self) == [1])
            #expect(registry.openTenants == [slugs[1], slugs[2]])
            await registry.close()
        }
    }
}
