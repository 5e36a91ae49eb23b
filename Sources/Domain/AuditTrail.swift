import FieldOpsCore
import Foundation
import Postgres

/// Reading and verifying a tenant's audit trail (written by the trigger of
/// migrations/tenant/0009_audit.sql).
public struct AuditTrail: Sendable {
    public struct Filter: Sendable {
        public var entity: String?
        public var entityID: String?
        public var actor: String?
        public var since: String?
        public var until: String?
        public var limit = 100
        /// Entries with a smaller seq: the cursor of the next page.
        public var before: Int64?

        public init() {}
    }

    public init() {}

    /// Newest first: `{"items": […], "next_before": seq|null}`.
    public func list(_ filter: Filter, on pool: PostgresPool) async throws -> [UInt8] {
        let rows = try await pool.query("""
            WITH page AS (
                SELECT * FROM audit_log
                WHERE (\(filter.entity)::text IS NULL OR entity = \(filter.entity))
                  AND (\(filter.entityID)::text IS NULL OR entity_id = \(filter.entityID))
                  AND (\(filter.actor)::text IS NULL OR actor = \(filter.actor))
                  AND (\(filter.since)::timestamptz IS NULL OR occurred_at >= \(filter.since)::timestamptz)
                  AND (\(filter.until)::timestamptz IS NULL OR occurred_at < \(filter.until)::timestamptz)
                  AND (\(filter.before)::bigint IS NULL OR seq < \(filter.before))
                ORDER BY seq DESC LIMIT \(filter.limit)
            )
            SELECT jsonb_build_object(
                'items', coalesce(jsonb_agg(to_jsonb(page) - 'prev_hash' - 'hash' || jsonb_build_object('hash', encode(hash, 'hex')) ORDER BY seq DESC), '[]'::jsonb),
                'next_before', CASE WHEN count(*) = \(filter.limit) THEN min(seq) END)
            FROM page
            """)
        return try rows[0].decode(PostgresJSON.self, at: 0).rawJSON
    }

    /// Recomputes the whole chain, a page at a time.
    public func verify(on connection: PostgresConnection, pageSize: Int = 5_000) async throws -> AuditChainVerifier {
        var verifier = AuditChainVerifier()
        var after: Int64 = 0
        while true {
            let rows = try await connection.query("""
                SELECT seq, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor, action, entity, entity_id,
                       coalesce(before::text, ''), coalesce(after::text, ''), coalesce(latitude::text, ''), coalesce(longitude::text, ''),
                       coalesce(request_id, ''), prev_hash, hash
                FROM audit_log WHERE seq > \(after) ORDER BY seq LIMIT \(pageSize)
                """)
            for row in rows {
                let seq = try row.decode(Int64.self, at: 0)
                let parts = try (1...10).map { try row.decode(String.self, at: $0) }
                verifier.feed(AuditEntry(
                    seq: seq, canonicalParts: [String(seq)] + parts,
                    previousHash: try row.decode([UInt8].self, at: 11), hash: try row.decode([UInt8].self, at: 12)
                ))
                after = seq
            }
            if rows.count < pageSize { break }
        }
        let head = try await connection.query("SELECT head_seq, head_hash FROM audit_chain")
        let (headSeq, headHash) = try head[0].decode((Int64, [UInt8]).self)
        verifier.finish(headSeq: headSeq, headHash: headHash)
        return verifier
    }
}
