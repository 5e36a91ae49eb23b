import Postgres

/// Exactly-once effects over at-least-once delivery: the message id is recorded in the `inbox`
/// table in the same transaction as the effect, so a redelivered message finds its id and does
/// nothing. Two deliveries racing each other serialise on the primary key: the second waits for
/// the first to commit, then sees the id.
public enum Inbox {
    public enum Outcome<Value: Sendable>: Sendable {
        case processed(Value)
        case duplicate
    }

    public static func process<Value: Sendable>(
        messageID: String, queue: String, pool: PostgresPool,
        _ effect: (PostgresConnection) async throws -> Value
    ) async throws -> Outcome<Value> {
        try await pool.withTransaction { connection in
            let inserted = try await connection.query("""
                INSERT INTO inbox (message_id, queue) VALUES (\(messageID), \(queue))
                ON CONFLICT (message_id) DO NOTHING RETURNING 1
                """)
            guard !inserted.isEmpty else { return .duplicate }
            return .processed(try await effect(connection))
        }
    }
}
