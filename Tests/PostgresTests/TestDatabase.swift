import FieldOpsCore
import Foundation
import Postgres
import Telemetry

/// Where the tests find PostgreSQL, and unique names so suites can run in parallel.
enum TestDatabase {
    static let defaultURL = "postgresql://fieldops:fieldops-local@127.0.0.1:25432/fieldops_test"

    static var url: String {
        Environment.process().string("FIELDOPS_TEST_POSTGRES_URL", default: defaultURL)
    }

    static let logger = Logger(label: "postgres-tests", level: .warning, sink: MemoryLogSink())

    static func configuration(
        applicationName: String = "fieldops-tests", pool: PostgresConfiguration.PoolOptions = .init()
    ) throws -> PostgresConfiguration {
        try PostgresConfiguration(url: url, applicationName: applicationName, pool: pool)
    }

    static func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(configuration: configuration(), logger: logger)
    }

    /// A fresh identifier such as `t_5f0c…`, safe to splice with `\(unescaped:)`.
    static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}

extension TestDatabase {
    /// Runs `body` with a fresh connection and closes it afterwards.
    @discardableResult
    static func withConnection<Value>(_ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        let connection = try await connect()
        do {
            let value = try await body(connection)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Creates a uniquely named table with `columns` (SQL), runs `body`, then drops the table.
    static func withTable<Value>(
        _ columns: String, _ body: (PostgresConnection, String) async throws -> Value
    ) async throws -> Value {
        try await withConnection { connection in
            let table = uniqueName("t")
            try await connection.execute(script: "CREATE TABLE \(table) (\(columns))")
            do {
                let value = try await body(connection, table)
                try await connection.execute(script: "DROP TABLE IF EXISTS \(table)")
                return value
            } catch {
                _ = try? await connection.execute(script: "DROP TABLE IF EXISTS \(table)")
                throw error
            }
        }
    }
}
