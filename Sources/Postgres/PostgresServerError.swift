import CLibPQ

extension PostgresError {
    /// The error a failed `PGresult` reports, with the server's diagnostic fields. A result without
    /// a SQLSTATE on a connection that is no longer OK means the connection itself broke.
    init(result: OpaquePointer?, connection: OpaquePointer, query: String?) {
        guard let result else {
            self.init(code: .connectionClosed, message: Self.connectionMessage(connection), query: query)
            return
        }
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let sqlState = field("C")
        let connectionBroke = sqlState == nil && PQstatus(connection) != CONNECTION_OK
        self.init(
            code: connectionBroke ? .connectionClosed : .server,
            message: field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingNewlines(),
            sqlState: sqlState, detail: field("D"), hint: field("H"), constraint: field("n"),
            table: field("t"), column: field("c"), query: query
        )
    }

    static func connectionMessage(_ connection: OpaquePointer) -> String {
        let message = String(cString: PQerrorMessage(connection)).trimmingNewlines()
        return message.isEmpty ? "the connection to the server was lost" : message
    }
}
