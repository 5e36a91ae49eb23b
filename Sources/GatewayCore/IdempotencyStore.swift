#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Postgres
import Redis
import Telemetry

/// Idempotency-Key records with Stripe's semantics. PostgreSQL holds the truth; Redis keeps a copy
/// of completed responses so a replay does not need a database round trip.
///
/// * first request with a key → `.acquired`: run it, then `complete` (or `release` on a 5xx, so the
///   client may retry with the same key);
/// * same key, same request, finished → `.replay` of the stored response, byte for byte;
/// * same key, other request → `.mismatch` (422);
/// * same key while the first is still running → `.inProgress` (409).
///
/// A record is kept `retention` (≥ 24 h). An `in_progress` record older than `lease` belonged to a
/// process that died mid-request and may be taken over.
public struct IdempotencyStore: Sendable {
    public struct Scope: Hashable, Sendable {
        public let tenant: String
        public let client: String
        public let key: String

        public init(tenant: String, client: String, key: String) {
            self.tenant = tenant
            self.client = client
            self.key = key
        }

        var cacheKey: String { "idempotency:\(tenant):\(client):\(key)" }
    }

    public enum Claim: Sendable, Equatable {
        case acquired
        case replay(StoredResponse)
        case mismatch
        case inProgress
    }

    private let pool: PostgresPool
    private let cache: RedisCache?
    private let retention: Duration
    private let lease: Duration
    private let logger: Logger

    public init(pool: PostgresPool, cache: RedisCache?, logger: Logger, retention: Duration = .seconds(24 * 3600), lease: Duration = .seconds(60)) {
        precondition(retention >= .seconds(24 * 3600), "idempotency keys are kept at least 24 hours")
        self.pool = pool
        self.cache = cache
        self.retention = retention
        self.lease = lease
        self.logger = logger
    }

    public func claim(_ scope: Scope, requestHash: [UInt8]) async throws -> Claim {
        if let cached = await cachedResponse(scope), cached.requestHash == requestHash {
            return .replay(cached.response)
        }
        let retentionSeconds = Int(retention.components.seconds)
        let leaseSeconds = Int(lease.components.seconds)
        // One statement decides: insert, take over an expired or abandoned record, or leave it be.
        let claimed = try await pool.query("""
            INSERT INTO idempotency_keys (tenant, client, key, request_hash, status, expires_at)
            VALUES (\(scope.tenant), \(scope.client), \(scope.key), \(requestHash), 'in_progress', now() + make_interval(secs => \(retentionSeconds)))
            ON CONFLICT (tenant, client, key) DO UPDATE
                SET request_hash = EXCLUDED.request_hash, status = 'in_progress', created_at = now(),
                    expires_at = EXCLUDED.expires_at, response_status = NULL, response_headers = NULL, response_body = NULL
                WHERE idempotency_keys.expires_at < now()
                   OR (idempotency_keys.status = 'in_progress' AND idempotency_keys.created_at < now() - make_interval(secs => \(leaseSeconds)))
            RETURNING 1
            """)
        if !claimed.isEmpty { return .acquired }

        let rows = try await pool.query("""
            SELECT request_hash, status, response_status, response_headers, response_body
            FROM idempotency_keys WHERE tenant = \(scope.tenant) AND client = \(scope.client) AND key = \(scope.key)
            """)
        // Deleted between the two statements (a 5xx released it): the client may simply retry.
        guard let row = rows.first else { return .inProgress }
        let (storedHash, status, responseStatus, responseHeaders, responseBody) = try row.decode(
            ([UInt8], String, Int?, PostgresJSON?, [UInt8]?).self
        )
        guard storedHash == requestHash else { return .mismatch }
        guard status == "completed", let responseStatus, let responseHeaders, let responseBody else { return .inProgress }
        return .replay(StoredResponse(status: responseStatus, headers: try responseHeaders.decode([StoredResponse.Header].self), body: responseBody))
    }

    public func complete(_ scope: Scope, requestHash: [UInt8], response: StoredResponse) async throws {
        try await pool.query("""
            UPDATE idempotency_keys
            SET status = 'completed', response_status = \(response.status),
                response_headers = \(try PostgresJSON(encoding: response.headers)), response_body = \(response.body)
            WHERE tenant = \(scope.tenant) AND client = \(scope.client) AND key = \(scope.key) AND request_hash = \(requestHash)
            """)
        await cache(scope, CachedResponse(requestHash: requestHash, response: response))
    }

    /// Forgets an in-progress record whose request failed on our side, so a retry with the same key runs.
    public func release(_ scope: Scope, requestHash: [UInt8]) async throws {
        try await pool.query("""
            DELETE FROM idempotency_keys
            WHERE tenant = \(scope.tenant) AND client = \(scope.client) AND key = \(scope.key)
              AND request_hash = \(requestHash) AND status = 'in_progress'
            """)
    }

    // Redis is only a shortcut: any failure there falls back to PostgreSQL.
    private struct CachedResponse: Codable {
        let requestHash: [UInt8]
        let response: StoredResponse
    }

    private func cachedResponse(_ scope: Scope) async -> CachedResponse? {
        guard let cache else { return nil }
        do {
            return try await cache.value(CachedResponse.self, forKey: scope.cacheKey)
        } catch {
            logger.warning("idempotency cache read failed", ["error": "\(error)"])
            return nil
        }
    }

    private func cache(_ scope: Scope, _ value: CachedResponse) async {
        guard let cache else { return }
        do {
            try await cache.setValue(value, forKey: scope.cacheKey, ttl: retention)
        } catch {
            logger.warning("idempotency cache write failed", ["error": "\(error)"])
        }
    }
}

/// A response as first sent, kept to be replayed byte for byte.
public struct StoredResponse: Codable, Sendable, Equatable {
    public struct Header: Codable, Sendable, Equatable {
        public let name: String
        public let value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public let status: Int
    public let headers: [Header]
    public let body: [UInt8]

    public init(status: Int, headers: [Header], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
