import FieldOpsCrypto
import GatewayCore
import Postgres
import TestSupport
import Testing

@Suite("Housekeeping")
struct HousekeepingTests {
    @Test("expired idempotency records and long-expired refresh tokens are deleted; live ones stay")
    func purge() async throws {
        let pool = try await TestServices.controlPlanePool()
        let tenant = TestServices.uniqueName("tenant")
        for (key, expiry) in [("old", "now() - interval '1 hour'"), ("live", "now() + interval '1 hour'")] {
            try await pool.query("""
                INSERT INTO idempotency_keys (tenant, client, key, request_hash, status, expires_at)
                VALUES (\(tenant), 'u', \(key), \(SHA256.digest(Array(key.utf8))), 'completed', \(unescaped: expiry))
                """)
        }
        let subject = TestServices.uniqueName("user")
        for (name, expiry) in [("old", "now() - interval '2 days'"), ("recent", "now() - interval '1 hour'")] {
            try await pool.query("""
                INSERT INTO refresh_tokens (token_hash, family_id, subject, role, expires_at)
                VALUES (\(SHA256.digest(Array((subject + name).utf8))), gen_random_uuid(), \(subject), 'manager', \(unescaped: expiry))
                """)
        }
        let removed = try await Housekeeping(pool: pool, logger: TestServices.logger).purge()
        #expect(removed.idempotencyKeys >= 1 && removed.refreshTokens >= 1)
        #expect(try await pool.query("SELECT key FROM idempotency_keys WHERE tenant = \(tenant)").decode((String).self) == ["live"])
        #expect(try await pool.query("SELECT count(*)::int8 FROM refresh_tokens WHERE subject = \(subject)").decode((Int).self) == [1])
        await pool.close()
    }
}
