import FieldOpsCrypto
import Foundation
import Notifications
import Postgres

/// The tenant's webhook subscriptions, their health, and the delivery log.
public struct WebhookEndpointStore: Sendable {
    /// An enabled endpoint's address and signing secret, for the sender.
    public struct Target: Sendable {
        public let id: UUID
        public let url: String
        public let secret: [UInt8]
    }

    static let columns = "id, url, description, event_types, enabled, consecutive_failures, disabled_reason, created_at"

    public init() {}

    /// Creates an endpoint with a new random secret; returns it with the secret, shown only now.
    public func create(url: String, description: String, eventTypes: [String], on database: some QueryRunner) async throws -> (WebhookEndpoint, [UInt8]) {
        let secret = SecureRandom.bytes(32)
        let rows = try await database.query("""
            INSERT INTO webhook_endpoints (url, description, event_types, secret) VALUES (\(url), \(description), \(eventTypes), \(secret))
            RETURNING \(unescaped: Self.columns)
            """)
        return (try Self.endpoint(rows[0]), secret)
    }

    public func list(on database: some QueryRunner) async throws -> [WebhookEndpoint] {
        try await database.query("SELECT \(unescaped: Self.columns) FROM webhook_endpoints ORDER BY created_at, id").map(Self.endpoint)
    }

    public func find(_ id: UUID, on database: some QueryRunner) async throws -> WebhookEndpoint? {
        try await database.query("SELECT \(unescaped: Self.columns) FROM webhook_endpoints WHERE id = \(id)").first.map(Self.endpoint)
    }

    /// Changes the endpoint; enabling it again forgets its failures.
    public func update(
        _ id: UUID, url: String, description: String, eventTypes: [String], enabled: Bool, on database: some QueryRunner
    ) async throws -> WebhookEndpoint? {
        try await database.query("""
            UPDATE webhook_endpoints SET url = \(url), description = \(description), event_types = \(eventTypes), enabled = \(enabled),
                consecutive_failures = CASE WHEN \(enabled) AND NOT enabled THEN 0 ELSE consecutive_failures END,
                disabled_reason = CASE WHEN \(enabled) THEN NULL ELSE disabled_reason END
            WHERE id = \(id) RETURNING \(unescaped: Self.columns)
            """).first.map(Self.endpoint)
    }

    public func delete(_ id: UUID, on database: some QueryRunner) async throws -> Bool {
        try await database.query("DELETE FROM webhook_endpoints WHERE id = \(id)").affectedRows == 1
    }

    /// Enabled endpoints subscribed to `eventType`.
    public func subscribers(of eventType: String, on database: some QueryRunner) async throws -> [Target] {
        try await database.query(
            "SELECT id, url, secret FROM webhook_endpoints WHERE enabled AND \(eventType) = ANY(event_types) ORDER BY id"
        ).decode((UUID, String, [UInt8]).self).map { Target(id: $0.0, url: $0.1, secret: $0.2) }
    }

    public func target(_ id: UUID, on database: some QueryRunner) async throws -> Target? {
        try await database.query("SELECT id, url, secret FROM webhook_endpoints WHERE id = \(id) AND enabled")
            .decode((UUID, String, [UInt8]).self).first.map { Target(id: $0.0, url: $0.1, secret: $0.2) }
    }

    public func recordSuccess(_ id: UUID, on database: some QueryRunner) async throws {
        try await database.query("UPDATE webhook_endpoints SET consecutive_failures = 0 WHERE id = \(id) AND consecutive_failures <> 0")
    }

    /// Counts a failed attempt; disables the endpoint when the schedule says so. Returns true when it did.
    @discardableResult
    public func recordFailure(_ id: UUID, schedule: WebhookRetrySchedule, reason: String, on database: some QueryRunner) async throws -> Bool {
        let failures = try await database.query(
            "UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1 WHERE id = \(id) RETURNING consecutive_failures"
        ).decode((Int).self).first ?? 0
        guard schedule.disables(afterConsecutiveFailures: failures) else { return false }
        try await database.query("""
            UPDATE webhook_endpoints SET enabled = false, disabled_reason = \("\(failures) consecutive failures, last: \(reason.prefix(200))")
            WHERE id = \(id) AND enabled
            """)
        return true
    }

    /// The endpoint's latest deliveries, newest first, with every attempt.
    public func deliveries(of id: UUID, limit: Int, on database: some QueryRunner) async throws -> [WebhookDeliveryRecord] {
        var records = try await database.query("""
            SELECT id, event_type, status, CASE WHEN status = 'pending' THEN next_attempt_at END, created_at
            FROM notification_deliveries WHERE endpoint_id = \(id) ORDER BY created_at DESC, id LIMIT \(limit)
            """).decode((UUID, String, String, Date?, Date).self).map {
            WebhookDeliveryRecord(id: $0.0, eventType: $0.1, status: $0.2, attempts: [], nextAttemptAt: $0.3, createdAt: $0.4)
        }
        let attempts = try await database.query("""
            SELECT delivery_id, attempt, attempted_at, status_code, error, duration_ms FROM notification_delivery_attempts
            WHERE delivery_id = ANY(\(records.map(\.id))) ORDER BY delivery_id, attempt
            """).decode((UUID, Int, Date, Int?, String?, Int).self)
        for attempt in attempts {
            guard let index = records.firstIndex(where: { $0.id == attempt.0 }) else { continue }
            records[index].attempts.append(.init(
                attempt: attempt.1, attemptedAt: attempt.2, statusCode: attempt.3, error: attempt.4, durationMilliseconds: attempt.5
            ))
        }
        return records
    }

    private static func endpoint(_ row: PostgresRow) throws -> WebhookEndpoint {
        let values = try row.decode((UUID, String, String, [String], Bool, Int, String?, Date).self)
        return WebhookEndpoint(
            id: values.0, url: values.1, description: values.2, eventTypes: values.3, enabled: values.4, consecutiveFailures: values.5,
            disabledReason: values.6, createdAt: values.7
        )
    }
}
