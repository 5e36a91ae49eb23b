import Foundation
import Notifications
import Postgres

/// The strategic alerts that are open, one row per condition key.
public struct AlertStateStore: Sendable {
    public init() {}

    public func openKeys(on database: some QueryRunner) async throws -> Set<String> {
        Set(try await database.query("SELECT condition_key FROM alert_states").decode((String).self))
    }

    /// Opens the alert; false when it was already open (a concurrent evaluation raised it).
    public func open(_ condition: AlertCondition, on database: some QueryRunner) async throws -> Bool {
        try await !database.query("""
            INSERT INTO alert_states (condition_key, rule, subject_id, alert_values)
            VALUES (\(condition.key), \(condition.rule.rawValue), \(condition.subjectID), \(try PostgresJSON(encoding: condition.values)))
            ON CONFLICT (condition_key) DO NOTHING RETURNING 1
            """).isEmpty
    }

    public func touch(_ keys: [String], on database: some QueryRunner) async throws {
        guard !keys.isEmpty else { return }
        try await database.query("UPDATE alert_states SET last_seen_at = now() WHERE condition_key = ANY(\(keys))")
    }

    public func clear(_ keys: [String], on database: some QueryRunner) async throws {
        guard !keys.isEmpty else { return }
        try await database.query("DELETE FROM alert_states WHERE condition_key = ANY(\(keys))")
    }
}
