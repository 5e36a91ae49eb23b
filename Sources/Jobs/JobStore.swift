#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Postgres

/// Jobs in the control-plane database: created by the gateway before it publishes a command, and
/// moved forward by the workers. Every update is conditional on the current status, so a late or
/// redelivered message can never move a finished job backwards.
public struct JobStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func create(id: UUID, tenant: String, kind: String, submittedBy: String, payload: [UInt8]) async throws {
        try await create([NewJob(id: id, tenant: tenant, kind: kind, submittedBy: submittedBy, payload: payload)])
    }

    /// Records several jobs in one statement (one round trip, one commit): all of them or none.
    public func create(_ jobs: [NewJob]) async throws {
        guard !jobs.isEmpty else { return }
        try await pool.query("""
            INSERT INTO jobs (id, tenant, kind, submitted_by, payload)
            SELECT * FROM unnest(
                \(jobs.map(\.id)), \(jobs.map(\.tenant)), \(jobs.map(\.kind)), \(jobs.map(\.submittedBy)),
                \(jobs.map { PostgresJSON(rawJSON: $0.payload) })
            )
            """)
    }

    /// Removes a job whose command could not be published: the client got an error, not a job id.
    public func discard(id: UUID) async throws {
        try await discard(ids: [id])
    }

    /// Removes jobs whose commands could not be published, in one statement.
    public func discard(ids: [UUID]) async throws {
        guard !ids.isEmpty else { return }
        try await pool.query("DELETE FROM jobs WHERE id = ANY(\(ids)) AND status = 'queued'")
    }

    /// The job, only when it belongs to `tenant`: another tenant's job id reads as absent.
    public func find(id: UUID, tenant: String) async throws -> JobRecord? {
        try Self.record(from: try await pool.query("\(unescaped: Self.columns) WHERE id = \(id) AND tenant = \(tenant)"))
    }

    /// The job whatever its tenant: for operators (`fieldopsctl jobs show`), never for API callers.
    public func find(id: UUID) async throws -> JobRecord? {
        try Self.record(from: try await pool.query("\(unescaped: Self.columns) WHERE id = \(id)"))
    }

    private static let columns = """
        SELECT id, tenant, kind, status, submitted_by, payload, result, error, attempts, created_at, updated_at, finished_at
        FROM jobs
        """

    private static func record(from rows: PostgresRows) throws -> JobRecord? {
        guard let row = rows.first else { return nil }
        let (id, tenant, kind, status, submittedBy, payload, result, error, attempts, createdAt, updatedAt, finishedAt) = try row.decode(
            (UUID, String, String, String, String, PostgresJSON, PostgresJSON?, PostgresJSON?, Int, Date, Date, Date?).self
        )
        guard let status = JobStatus(rawValue: status) else {
            throw PostgresError(code: .decoding, message: "unknown job status \(status)")
        }
        return JobRecord(
            id: id, tenant: tenant, kind: kind, status: status, submittedBy: submittedBy, payload: payload.rawJSON,
            result: result?.rawJSON, error: error?.rawJSON, attempts: attempts, createdAt: createdAt, updatedAt: updatedAt,
            finishedAt: finishedAt
        )
    }

    /// A worker starts attempt `attempt`. Returns false when the job is already finished.
    @discardableResult
    public func markRunning(id: UUID, attempt: Int) async throws -> Bool {
        try await pool.query("""
            UPDATE jobs SET status = 'running', attempts = GREATEST(attempts, \(attempt)), updated_at = now()
            WHERE id = \(id) AND status IN ('queued', 'running')
            """).affectedRows == 1
    }

    /// A retry was scheduled: the job waits in a delay queue.
    @discardableResult
    public func markRetrying(id: UUID) async throws -> Bool {
        try await pool.query("""
            UPDATE jobs SET status = 'queued', updated_at = now() WHERE id = \(id) AND status IN ('queued', 'running')
            """).affectedRows == 1
    }

    @discardableResult
    public func markSucceeded(id: UUID, result: [UInt8]) async throws -> Bool {
        try await finish(id: id, status: .succeeded, result: PostgresJSON(rawJSON: result), error: nil)
    }

    @discardableResult
    public func markFailed(id: UUID, error: [UInt8]) async throws -> Bool {
        try await finish(id: id, status: .failed, result: nil, error: PostgresJSON(rawJSON: error))
    }

    private func finish(id: UUID, status: JobStatus, result: PostgresJSON?, error: PostgresJSON?) async throws -> Bool {
        try await pool.query("""
            UPDATE jobs SET status = \(status.rawValue), result = \(result), error = \(error), updated_at = now(), finished_at = now()
            WHERE id = \(id) AND status IN ('queued', 'running')
            """).affectedRows == 1
    }
}
