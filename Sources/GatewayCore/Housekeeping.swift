import Postgres
import Telemetry

/// Deletes what the control plane no longer needs: idempotency records past their retention and
/// refresh tokens expired for a day (kept that long so a late reuse is still recognised and its
/// family revoked). Every gateway replica runs it; the deletes are idempotent.
public struct Housekeeping: Sendable {
    private let pool: PostgresPool
    private let logger: Logger

    public init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// One pass; returns how many rows went.
    @discardableResult
    public func purge() async throws -> (idempotencyKeys: Int, refreshTokens: Int) {
        let keys = try await pool.query("DELETE FROM idempotency_keys WHERE expires_at < now()").affectedRows
        let tokens = try await pool.query("DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'").affectedRows
        return (keys, tokens)
    }

    /// Purges every `interval` until cancelled; a failed pass is logged and retried next time.
    public func run(every interval: Duration = .seconds(3600)) async {
        await repeating(every: interval, logger: logger, failure: "housekeeping failed") {
            let removed = try await purge()
            if removed.idempotencyKeys + removed.refreshTokens > 0 {
                logger.info("housekeeping", ["removed.idempotency_keys": "\(removed.idempotencyKeys)", "removed.refresh_tokens": "\(removed.refreshTokens)"])
            }
        }
    }
}
