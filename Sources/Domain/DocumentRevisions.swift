import FieldOpsCore
import Foundation
import Postgres

/// The revisions of a site document (plans, permits): each upload is a new revision whose file lives
/// in the blob store, recorded with its SHA-256, type and size. Revisions are never replaced.
public struct DocumentRevisions: Sendable {
    public struct Revision: Sendable {
        public let number: Int
        public let blobKey: String
        public let contentType: String
    }

    public init() {}

    public func documentExists(_ documentID: UUID, on pool: PostgresPool) async throws -> Bool {
        try await !pool.query("SELECT 1 FROM site_documents WHERE id = \(documentID)").isEmpty
    }

    /// Records the next revision of the document; nil when there is no such document.
    public func add(
        documentID: UUID, blobKey: String, sha256: [UInt8], contentType: String, sizeBytes: Int, userID: String,
        context: AuditContext, on pool: PostgresPool
    ) async throws -> [UInt8]? {
        try await pool.withTransaction { connection in
            guard try await !connection.query("SELECT 1 FROM site_documents WHERE id = \(documentID) FOR UPDATE").isEmpty else { return nil }
            try await context.apply(on: connection)
            let rows = try await connection.query("""
                INSERT INTO site_document_revisions AS r (document_id, revision, blob_key, sha256, content_type, size_bytes, uploaded_by)
                SELECT \(documentID), coalesce(max(revision), 0) + 1, \(blobKey), \(sha256), \(contentType), \(Int64(sizeBytes)), \(UUID(uuidString: userID))
                FROM site_document_revisions WHERE document_id = \(documentID)
                RETURNING \(unescaped: Self.projection)
                """)
            return try rows[0].decode(PostgresJSON.self, at: 0).rawJSON
        }
    }

    /// The document's revisions, newest first; nil when there is no such document.
    public func list(documentID: UUID, on pool: PostgresPool) async throws -> [UInt8]? {
        let rows = try await pool.query("""
            SELECT coalesce((SELECT jsonb_agg(\(unescaped: Self.projection) ORDER BY r.revision DESC)
                             FROM site_document_revisions r WHERE r.document_id = d.id), '[]'::jsonb)
            FROM site_documents d WHERE d.id = \(documentID)
            """)
        return try rows.first.map { try $0.decode(PostgresJSON.self, at: 0).rawJSON }
    }

    public func find(documentID: UUID, revision: Int, on pool: PostgresPool) async throws -> Revision? {
        let rows = try await pool.query("""
            SELECT blob_key, content_type FROM site_document_revisions WHERE document_id = \(documentID) AND revision = \(revision)
            """)
        return try rows.first.map { row in
            let (key, type) = try row.decode((String, String).self)
            return Revision(number: revision, blobKey: key, contentType: type)
        }
    }

    private static let projection =
        "jsonb_build_object('revision', r.revision, 'content_type', r.content_type, 'size_bytes', r.size_bytes, 'sha256', encode(r.sha256, 'hex'), 'uploaded_by', r.uploaded_by, 'uploaded_at', r.uploaded_at)"
}
