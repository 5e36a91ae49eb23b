/// A SQL statement whose interpolated values are bound as parameters, never spliced into the text.
///
///     let query: PostgresQuery = "SELECT * FROM sites WHERE id = \(id) AND name = \(name)"
///     // query.sql == "SELECT * FROM sites WHERE id = $1 AND name = $2", two bound values
///
/// `\(unescaped: identifier)` splices text into the SQL as is. It exists for identifiers the code
/// itself chose (a table name from a migration, a generated test table) and must NEVER carry input
/// from a user, a message or a file: that would reopen SQL injection.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public var sql: String
    public var bindings: PostgresBindings

    /// A statement from SQL text written with `$n` placeholders by hand, and the values to bind.
    public init(unsafeSQL sql: String, bindings: PostgresBindings = PostgresBindings()) {
        self.sql = sql
        self.bindings = bindings
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, bindings: stringInterpolation.bindings)
    }

    /// The SQL text only: bound values stay out of logs and errors.
    public var description: String { sql }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql: String
        var bindings = PostgresBindings()

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + 3 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds `value` as the next parameter and writes its `$n` placeholder.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            bind(value)
        }

        /// Binds `nil` as SQL NULL (spelled out so the compiler does not mistake it for debug text).
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            bind(value)
        }

        /// Splices trusted SQL text (an identifier chosen by the code) as is. Never pass outside input.
        public mutating func appendInterpolation(unescaped text: String) {
            sql += text
        }

        private mutating func bind(_ value: some PostgresEncodable) {
            bindings.append(value)
            sql += "$\(bindings.count)"
        }
    }
}

/// The values bound to a query's `$1…$n`, already encoded in the binary format.
public struct PostgresBindings: Sendable {
    struct Field: Sendable {
        var offset: Int
        /// -1 for NULL, as the protocol writes it.
        var length: Int32
    }

    private(set) var types: [PostgresDataType] = []
    private(set) var fields: [Field] = []
    private(set) var buffer = PostgresBinaryBuffer(capacity: 0)

    public init() {}

    public var count: Int { types.count }

    public mutating func append(_ value: some PostgresEncodable) {
        types.append(type(of: value).postgresDataType)
        if value.isPostgresNull {
            fields.append(Field(offset: buffer.count, length: -1))
        } else {
            let offset = buffer.count
            value.encode(into: &buffer)
            fields.append(Field(offset: offset, length: Int32(buffer.count - offset)))
        }
    }
}
