import CLibPQ

extension PostgresConnection {
    /// Runs `body` inside BEGIN … COMMIT. If `body` throws, the transaction is rolled back and the
    /// error rethrown. If a statement failed inside `body` but the error was swallowed, the server
    /// turns COMMIT into ROLLBACK: that is reported as an error rather than a silent loss.
    public nonisolated(nonsending) func withTransaction<Value>(
        isolation: PostgresIsolationLevel? = nil,
        _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        try await execute(script: isolation.map { "BEGIN ISOLATION LEVEL \($0.rawValue)" } ?? "BEGIN")
        let value: Value
        do {
            value = try await body(self)
        } catch {
            do {
                try await execute(script: "ROLLBACK")
            } catch let rollbackError {
                // The connection is probably broken; the pool discards it. The caller's error matters more.
                logger.warning("postgres rollback failed", ["error": rollbackError.description])
            }
            throw error
        }
        let tag = try await withConnection { connection throws(PostgresError) in
            try Self.check(PQexec(connection, "COMMIT"), on: connection, query: "COMMIT").commandTag
        }
        guard tag == "COMMIT" else {
            throw PostgresError(code: .server, message: "the transaction was rolled back: a statement in it failed", query: "COMMIT")
        }
        return value
    }
}
