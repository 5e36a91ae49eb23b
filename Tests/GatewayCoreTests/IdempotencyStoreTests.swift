import FieldOpsCrypto
import GatewayCore
import Postgres
import Redis
import TestSupport
import Testing

@Suite("Idempotency store")
struct IdempotencyStoreTests {
    let scope = IdempotencyStore.Scope(tenant: TestServices.uniqueName("tenant"), client: "user-1", key: TestServices.uniqueName("key"))
    let hash = SHA256.digest(Array("POST /v1/jobs {\"a\":1}".utf8))
    let response = StoredResponse(status: 202, headers: [.init(name: "Location", value: "/v1/jobs/42")], body: Array(#"{"id":"42"}"#.utf8))

    func withStore(lease: Duration = .seconds(60), cached: Bool = true, _ body: (IdempotencyStore, PostgresPool) async throws -> Void) async throws {
        let pool = try await TestServices.controlPlanePool()
        let redis = try TestServices.redisPool()
        let store = IdempotencyStore(pool: pool, cache: cached ? RedisCache(pool: redis, keyPrefix: "test:") : nil, logger: TestServices.logger, lease: lease)
        do {
            try await body(store, pool)
        } catch {
            await pool.close()
            await redis.close()
            throw error
        }
        await pool.close()
        await redis.close()
    }

    @Test("first claim acquires; while running a second is in progress; once done it replays byte for byte")
    func lifecycle() async throws {
        try await withStore(cached: false) { store, _ in
            #expect(try await store.claim(scope, requestHash: hash) == .acquired)
            #expect(try await store.claim(scope, requestHash: hash) == .inProgress)
            try await store.complete(scope, requestHash: hash, response: response)
            #expect(try await store.claim(scope, requestHash: hash) == .replay(response))
        }
    }

    @Test("the same key with another request is a mismatch, before and after completion")
    func mismatch() async throws {
        try await withStore { store, _ in
            let other = SHA256.digest(Array("POST /v1/jobs {\"a\":2}".utf8))
            #expect(try await store.claim(scope, requestHash: hash) == .acquired)
            #expect(try await store.claim(scope, requestHash: other) == .mismatch)
            try await store.complete(scope, requestHash: hash, response: response)
            #expect(try await store.claim(scope, requestHash: other) == .mismatch)
        }
    }

    @Test("of ten concurrent claims exactly one acquires")
    func concurrentClaims() async throws {
        try await withStore { store, _ in
            let claims = try await withThrowingTaskGroup(of: IdempotencyStore.Claim.self) { group in
                for _ in 0..<10 { group.addTask { try await store.claim(scope, requestHash: hash) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(claims.filter { $0 == .acquired }.count == 1)
            #expect(claims.filter { $0 == .inProgress }.count == 9)
        }
    }

    @Test("a released claim (the request failed on our side) can be acquired again")
    func release() async throws {
        try await withStore { store, _ in
            #expect(try await store.claim(scope, requestHash: hash) == .acquired)
            try await store.release(scope, requestHash: hash)
            #expect(try await store.claim(scope, requestHash: hash) == .acquired)
        }
    }

    @Test("an in-progress record older than the lease is taken over")
    func abandoned() async throws {
        try await withStore(lease: .seconds(1)) { store, _ in
            #expect(try await store.claim(scope, requestHash: hash) == .acquired)
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(try await store.claim(scope, requestHash: hash) == .acquired)
        }
    }

    @Test("a completed response is replayed from Redis without PostgreSQL")
    func replayFromCache() async throws {
        try await withStore { store, pool in
            #expect(try await store.claim(scope, requestHash: hash) == .acquired)
            try await store.complete(scope, requestHash: hash, response: response)
            try await pool.query("DELETE FROM idempotency_keys WHERE tenant = \(scope.tenant) AND key = \(scope.key)")
            #expect(try await store.claim(scope, requestHash: hash) == .replay(response))
        }
    }
}
