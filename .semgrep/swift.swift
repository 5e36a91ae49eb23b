// Fixtures for .semgrep/swift.yml: `semgrep --test .semgrep/` checks that each rule reports the
// lines marked `ruleid` and nothing on the lines marked `ok`.

func sqlFixtures(connection: OpaquePointer, database: PostgresConnection, table: String, columns: [String], id: Int) async throws {
    // ruleid: fieldops-sql-built-by-interpolation
    _ = PQexec(connection, "DELETE FROM jobs WHERE id = \(id)")
    // ruleid: fieldops-sql-built-by-interpolation
    _ = PQexecParams(connection, "SELECT * FROM \(table)", 0, nil, nil, nil, nil, 1)
    // ruleid: fieldops-sql-built-by-interpolation
    try await database.execute(script: "DROP TABLE \(table)")
    // ruleid: fieldops-sql-built-by-interpolation
    let deletion = "DELETE FROM \(PostgresIdentifier.quoted(table)) WHERE id = \(id)"
    _ = PQexec(connection, deletion)

    // ok: fieldops-sql-built-by-interpolation
    _ = PQexec(connection, "COMMIT")
    // ok: fieldops-sql-built-by-interpolation
    _ = PQexec(connection, "TRUNCATE \(PostgresIdentifier.quoted(table))")
    let columnList = columns.map(PostgresIdentifier.quoted).joined(separator: ", ")
    let quotedTable = PostgresName.quoted(table)
    // ok: fieldops-sql-built-by-interpolation
    try await database.execute(script: "DROP TABLE \(quotedTable)")
    let copy = "COPY \(PostgresIdentifier.quoted(table)) (\(columnList)) FROM STDIN (FORMAT binary)"
    // ok: fieldops-sql-built-by-interpolation
    _ = PQexec(connection, copy)
    // ok: fieldops-sql-built-by-interpolation
    try await database.query("SELECT * FROM jobs WHERE id = \(id)")
}

func forceTryFixtures(encoder: JSONEncoder, header: JWTHeader) {
    // ruleid: fieldops-force-try-without-reason
    let header = try! encoder.encode(header)
    // Encoding a plain struct cannot fail.
    // ok: fieldops-force-try-without-reason
    let claims = try! encoder.encode(header)
}

func uncheckedSendableFixtures() {
    // ruleid: fieldops-unchecked-sendable-without-reason
    final class Handle: @unchecked Sendable {}

    /// `@unchecked Sendable`: the handle is only touched on its connection's thread.
    // ok: fieldops-unchecked-sendable-without-reason
    final class OwnedHandle: @unchecked Sendable {}
}

func printFixtures(logger: Logger) {
    // ruleid: fieldops-print-in-library
    print("connected")
    // ok: fieldops-print-in-library
    logger.info("connected")
}

func crashFixtures(request: HTTPRequest) throws(HTTPError) {
    // ruleid: fieldops-crash-in-request-path
    guard let tenant = request.tenant else { fatalError("no tenant") }
    // ok: fieldops-crash-in-request-path
    guard let tenant = request.tenant else { throw HTTPError.unauthorized }
    // ok: fieldops-crash-in-request-path
    precondition(request.limit > 0, "the limit is validated at start-up")
}
