import CLibPQ

extension PostgresConnection {
    /// Bulk-loads rows with `COPY table (columns) FROM STDIN (FORMAT binary)` and returns how many
    /// rows the server stored. `table` may be schema-qualified; names are quoted as identifiers.
    ///
    ///     let count = try await connection.copyIn(table: "positions", columns: ["id", "device"]) { writer in
    ///         for position in positions { try await writer.append(position.id, position.device) }
    ///     }
    ///
    /// If `body` throws, the COPY is aborted (nothing is stored) and the error rethrown.
    public nonisolated(nonsending) func copyIn(
        table: String, columns: [String], _ body: (PostgresCopyWriter) async throws -> Void
    ) async throws -> Int {
        let columnList = columns.map(PostgresIdentifier.quoted).joined(separator: ", ")
        let sql = "COPY \(PostgresIdentifier.quoted(table)) (\(columnList)) FROM STDIN (FORMAT binary)"
        try await withConnection { connection throws(PostgresError) in
            let result = try Self.check(PQexec(connection, sql), on: connection, query: sql)
            guard PQresultStatus(result.handle) == PGRES_COPY_IN else {
                throw PostgresError(code: .unexpectedResponse, message: "the server did not enter COPY IN mode", query: sql)
            }
        }
        let writer = PostgresCopyWriter(connection: self, columnCount: columns.count)
        do {
            try await body(writer)
            try await writer.finish()
        } catch {
            try? await writer.waitForPendingSend()
            _ = try? await endCopy(sql: sql, abortReason: "aborted by the client: \(error)")
            throw error
        }
        let storedRows = try await endCopy(sql: sql, abortReason: nil)
        logger.debug("postgres copy finished", ["postgres.table": table, "postgres.rows": String(storedRows)])
        return storedRows
    }

    /// Hands one chunk of COPY data to libpq (blocking mode: it returns once the data is queued).
    func putCopyData(_ chunk: [UInt8]) async throws(PostgresError) {
        try await withConnection { connection throws(PostgresError) in
            let sent = chunk.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
            }
            guard sent == 1 else {
                throw PostgresError(code: .connectionClosed, message: PostgresError.connectionMessage(connection))
            }
        }
    }

    /// Ends the COPY (or aborts it with a reason) and reads the server's verdict: the stored row count.
    private func endCopy(sql: String, abortReason: String?) async throws(PostgresError) -> Int {
        try await withConnection { connection throws(PostgresError) in
            guard PQputCopyEnd(connection, abortReason) == 1 else {
                throw PostgresError(code: .connectionClosed, message: PostgresError.connectionMessage(connection), query: sql)
            }
            // libpq may hand back several results; all must be read before the connection is reusable.
            var outcome: Result<Int, PostgresError> = .success(0)
            while let result = PQgetResult(connection) {
                do throws(PostgresError) {
                    let checked = try Self.check(result, on: connection, query: sql)
                    if case .success = outcome { outcome = .success(checked.affectedRows) }
                } catch {
                    if case .success = outcome { outcome = .failure(error) }
                }
            }
            return try outcome.get()
        }
    }
}
