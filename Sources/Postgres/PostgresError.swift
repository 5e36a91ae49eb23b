/// Every failure of the PostgreSQL client: one struct, with a `Code` to switch on.
///
/// For server errors it carries the SQLSTATE and the server's diagnostic fields, and the SQL text of
/// the failing query. Bound parameter values are never included: they may hold personal data.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is. Extensible: new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        public var description: String { name }

        /// The connection could not be opened (server away, authentication refused, bad parameters).
        public static let connectionFailed = Code("connectionFailed")
        /// The connection broke or was closed while in use.
        public static let connectionClosed = Code("connectionClosed")
        /// The server answered with an error (see `sqlState`).
        public static let server = Code("server")
        /// A value could not be decoded into the requested Swift type.
        public static let decoding = Code("decoding")
        /// A value could not be encoded for the server (JSON encoding failed, a COPY row of the wrong width).
        public static let encoding = Code("encoding")
        /// No pooled connection became free within the checkout timeout.
        public static let poolTimeout = Code("poolTimeout")
        /// The waiting task was cancelled.
        public static let cancelled = Code("cancelled")
        /// The pool was closed.
        public static let poolClosed = Code("poolClosed")
        /// The server answered in a way the protocol does not allow at that point.
        public static let unexpectedResponse = Code("unexpectedResponse")
        /// A configuration value (URL, option) is invalid.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// A migration file or list is invalid (bad name, duplicate version).
        public static let invalidMigration = Code("invalidMigration")
        /// An already applied migration was edited afterwards: its checksum no longer matches.
        public static let migrationChecksumMismatch = Code("migrationChecksumMismatch")
    }

    public var code: Code
    public var message: String
    /// The five-character SQLSTATE of a server error (`23505` for a unique violation).
    public var sqlState: String?
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var column: String?
    /// The SQL text of the failing query, with `$n` placeholders where values were bound.
    public var query: String?

    public init(
        code: Code, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil, query: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.query = query
    }

    public var description: String {
        var text = "PostgresError.\(code): \(message)"
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail { text += "; detail: \(detail)" }
        if let hint { text += "; hint: \(hint)" }
        if let constraint { text += "; constraint: \(constraint)" }
        if let query { text += "; query: \(query)" }
        return text
    }
}
