import GatewayCore
import Identity
import Postgres
import TestSupport
import Testing

@Suite("Refresh tokens")
struct RefreshTokenStoreTests {
    let subject = TestServices.uniqueName("user")

    func withStore(lifetime: Duration = .seconds(3600), _ body: (RefreshTokenStore) async throws -> Void) async throws {
        let pool = try await TestServices.controlPlanePool()
        do {
            try await body(RefreshTokenStore(pool: pool, lifetime: lifetime))
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
    }

    @Test("each use hands out a successor carrying the same identity")
    func rotation() async throws {
        try await withStore { store in
            let first = try await store.issue(subject: subject, tenant: "acme", role: .manager)
            let second = try await store.rotate(first.refreshToken).get()
            #expect(second.refreshToken != first.refreshToken)
            #expect(second.subject == subject && second.tenant == "acme" && second.role == .manager)
            let third = try await store.rotate(second.refreshToken).get()
            #expect(third.refreshToken != second.refreshToken)
        }
    }

    @Test("replaying a used token revokes the whole family, successor included")
    func reuseDetection() async throws {
        try await withStore { store in
            let first = try await store.issue(subject: subject, tenant: "acme", role: .technician)
            let second = try await store.rotate(first.refreshToken).get()
            #expect(try await store.rotate(first.refreshToken) == .failure(.reused))
            #expect(try await store.rotate(second.refreshToken) == .failure(.revoked))
        }
    }

    @Test("unknown, expired and revoked tokens are refused")
    func refusals() async throws {
        try await withStore(lifetime: .seconds(1)) { store in
            #expect(try await store.rotate("not-a-token") == .failure(.unknown))
            let short = try await store.issue(subject: subject, tenant: nil, role: .platformAdmin)
            try await Task.sleep(for: .milliseconds(1_200))
            #expect(try await store.rotate(short.refreshToken) == .failure(.expired))
        }
        try await withStore { store in
            let grant = try await store.issue(subject: subject, tenant: "acme", role: .siteLead)
            try await store.revokeAll(subject: subject)
            #expect(try await store.rotate(grant.refreshToken) == .failure(.revoked))
        }
    }

    @Test("two concurrent uses of one token: one succeeds, the other is treated as reuse")
    func concurrentUse() async throws {
        try await withStore { store in
            let grant = try await store.issue(subject: subject, tenant: "acme", role: .manager)
            async let a = store.rotate(grant.refreshToken)
            async let b = store.rotate(grant.refreshToken)
            let results = try await [a, b]
            #expect(results.filter { (try? $0.get()) != nil }.count == 1)
            #expect(results.contains(.failure(.reused)))
        }
    }
}
