import FieldOpsCore
import Foundation
import Postgres

/// Deliveries waiting to leave through email, SMS or a webhook (`notification_deliveries`).
///
/// Rows are written in the transaction of the message that caused them and sent after it commits.
/// Sending first *claims* a row: its attempt is counted and its next attempt moved a lease ahead,
/// so two dispatchers never send the same row at once, and a process that dies mid-send leaves a
/// row that is retried when the lease ends.
public struct DeliveryOutbox: Sendable {
    public struct Claimed: Sendable {
        public let id: UUID
        public let endpointID: UUID?
        public let eventType: String
        public let payload: OutboundPayload
        /// 1 for the first attempt.
        public let attempt: Int
        public let firstAttemptAt: Date
    }

    public let lease: Duration

    public init(lease: Duration = .seconds(300)) {
        self.lease = lease
    }

    @discardableResult
    public func enqueue(
        _ payload: OutboundPayload, id: UUID = UUID.random(), user: UUID?, endpoint: UUID?, eventType: String, recipient: String, notBefore: Date?,
        on database: some QueryRunner
    ) async throws -> UUID {
        try await database.query("""
            INSERT INTO notification_deliveries (id, channel, user_id, endpoint_id, event_type, recipient, payload, next_attempt_at)
            VALUES (\(id), \(payload.channel), \(user), \(endpoint), \(eventType), \(recipient), \(try PostgresJSON(encoding: payload)),
                    coalesce(\(notBefore), now()))
            """)
        return id
    }

    /// Claims due pending rows: all due ones up to `limit`, or only those of `ids`.
    public func claim(ids: [UUID]? = nil, limit: Int, on database: some QueryRunner) async throws -> [Claimed] {
        let leaseSeconds = Double(lease.components.seconds)
        return try await database.query("""
            UPDATE notification_deliveries d SET attempts = d.attempts + 1, first_attempt_at = coalesce(d.first_attempt_at, now()),
                next_attempt_at = now() + make_interval(secs => \(leaseSeconds))
            WHERE d.id IN (
                SELECT id FROM notification_deliveries
                WHERE status = 'pending' AND next_attempt_at <= now() AND (\(ids == nil) OR id = ANY(\(ids ?? [])))
                ORDER BY next_attempt_at LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            RETURNING d.id, d.endpoint_id, d.event_type, d.payload, d.attempts, d.first_attempt_at
            """).map { row in
            let values = try row.decode((UUID, UUID?, String, PostgresJSON, Int, Date).self)
            return Claimed(
                id: values.0, endpointID: values.1, eventType: values.2, payload: try values.3.decode(OutboundPayload.self),
                attempt: values.4, firstAttemptAt: values.5
            )
        }
    }

    /// Logs the attempt; then the row is delivered, retried at `retryAt`, or abandoned (`retryAt` nil).
    public func record(
        _ delivery: Claimed, delivered: Bool, statusCode: Int?, error: String?, duration: Duration, retryAt: Date?,
        on database: some QueryRunner
    ) async throws {
        try await database.query("""
            INSERT INTO notification_delivery_attempts (delivery_id, attempt, status_code, error, duration_ms)
            VALUES (\(delivery.id), \(delivery.attempt), \(statusCode), \(error.map { String($0.prefix(1000)) }),
                    \(Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)))
            ON CONFLICT DO NOTHING
            """)
        let status = delivered ? "delivered" : (retryAt == nil ? "abandoned" : "pending")
        try await database.query("""
            UPDATE notification_deliveries SET status = \(status), last_error = \(error.map { String($0.prefix(1000)) }),
                delivered_at = CASE WHEN \(delivered) THEN now() END, next_attempt_at = coalesce(\(retryAt), next_attempt_at)
            WHERE id = \(delivery.id)
            """)
    }
}
