import CLibPQ
import FieldOpsCore

/// How to reach one PostgreSQL database, and how the pool in front of it behaves.
/// Built once at start-up (from a URL or the environment) and passed down.
public struct PostgresConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// libpq's `sslmode`: disable, allow, prefer, require, verify-ca, verify-full.
    public var sslMode: String
    /// Shown in `pg_stat_activity.application_name`: how operators tell clients apart.
    public var applicationName: String
    public var connectTimeout: Duration
    /// Server-side limit for each statement; `nil` keeps the server's default.
    public var statementTimeout: Duration?
    public var keepalives: Keepalives
    public var pool: PoolOptions
    /// Any other libpq connection parameters given in the URL (`?target_session_attrs=…`).
    public var additionalParameters: [String: String]

    /// TCP keepalives, so a server that vanished (a pulled cable, a killed VM) is noticed.
    public struct Keepalives: Sendable, Equatable {
        public var idle: Duration
        public var interval: Duration
        public var count: Int

        public init(idle: Duration = .seconds(30), interval: Duration = .seconds(10), count: Int = 3) {
            self.idle = idle
            self.interval = interval
            self.count = count
        }
    }

    public struct PoolOptions: Sendable, Equatable {
        /// The most connections the pool opens at once.
        public var maxConnections: Int
        /// How long a checkout waits for a free connection before failing with `poolTimeout`.
        public var checkoutTimeout: Duration
        /// A connection idle longer than this is pinged (`SELECT 1`) before it is handed out.
        public var idleCheckInterval: Duration
        /// Delays between reconnect attempts while the server is away.
        public var reconnectBackoff: Backoff

        public init(
            maxConnections: Int = 10, checkoutTimeout: Duration = .seconds(10),
            idleCheckInterval: Duration = .seconds(30), reconnectBackoff: Backoff = Backoff()
        ) {
            self.maxConnections = maxConnections
            self.checkoutTimeout = checkoutTimeout
            self.idleCheckInterval = idleCheckInterval
            self.reconnectBackoff = reconnectBackoff
        }
    }

    /// Parses `postgresql://user:password@host:port/database?sslmode=…` (or a `key=value` conninfo
    /// string) with libpq's own parser, so percent-encoding and every libpq parameter behave as in psql.
    public init(
        url: String, applicationName: String = "fieldops", connectTimeout: Duration = .seconds(5),
        statementTimeout: Duration? = nil, keepalives: Keepalives = Keepalives(), pool: PoolOptions = PoolOptions()
    ) throws(PostgresError) {
        var parameters = try Self.parse(url)
        host = parameters.removeValue(forKey: "host") ?? "localhost"
        let portText = parameters.removeValue(forKey: "port") ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw PostgresError(code: .invalidConfiguration, message: "invalid port \"\(portText)\" in the PostgreSQL URL")
        }
        self.port = port
        user = parameters.removeValue(forKey: "user") ?? "postgres"
        password = parameters.removeValue(forKey: "password")
        database = parameters.removeValue(forKey: "dbname") ?? user
        sslMode = parameters.removeValue(forKey: "sslmode") ?? "prefer"
        self.applicationName = parameters.removeValue(forKey: "application_name") ?? applicationName
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
        self.keepalives = keepalives
        self.pool = pool
        additionalParameters = parameters
    }

    /// Reads `<prefix>_URL` (required), `_POOL_SIZE`, `_CONNECT_TIMEOUT_MS`, `_STATEMENT_TIMEOUT_MS`
    /// (0 = none), `_APPLICATION_NAME`, `_CHECKOUT_TIMEOUT_MS` and `_IDLE_CHECK_MS`.
    public init(environment: Environment, prefix: String = "FIELDOPS_POSTGRES") throws(ConfigurationError) {
        let urlVariable = prefix + "_URL"
        guard let url = environment.string(urlVariable) else {
            throw ConfigurationError(variable: urlVariable, value: "", expected: "a postgresql:// URL")
        }
        let poolSize = try environment.int(prefix + "_POOL_SIZE", default: 10)
        guard poolSize > 0 else {
            throw ConfigurationError(variable: prefix + "_POOL_SIZE", value: String(poolSize), expected: "a positive integer")
        }
        let statementTimeout = try environment.milliseconds(prefix + "_STATEMENT_TIMEOUT_MS", default: .zero)
        let pool = PoolOptions(
            maxConnections: poolSize,
            checkoutTimeout: try environment.milliseconds(prefix + "_CHECKOUT_TIMEOUT_MS", default: .seconds(10)),
            idleCheckInterval: try environment.milliseconds(prefix + "_IDLE_CHECK_MS", default: .seconds(30))
        )
        let connectTimeout = try environment.milliseconds(prefix + "_CONNECT_TIMEOUT_MS", default: .seconds(5))
        do throws(PostgresError) {
            try self.init(
                url: url,
                applicationName: environment.string(prefix + "_APPLICATION_NAME", default: "fieldops"),
                connectTimeout: connectTimeout,
                statementTimeout: statementTimeout == .zero ? nil : statementTimeout,
                pool: pool
            )
        } catch {
            throw ConfigurationError(variable: urlVariable, value: "(hidden: may hold a password)", expected: error.message)
        }
    }

    /// The keyword/value pairs handed to `PQconnectdbParams`.
    var connectionParameters: [(String, String)] {
        var parameters: [(String, String)] = [
            ("host", host), ("port", String(port)), ("user", user), ("dbname", database), ("sslmode", sslMode),
            ("application_name", applicationName), ("client_encoding", "UTF8"),
            // libpq counts whole seconds and treats anything below 2 as 2.
            ("connect_timeout", String(max(2, Self.wholeSeconds(connectTimeout)))),
            ("keepalives", "1"),
            ("keepalives_idle", String(max(1, Self.wholeSeconds(keepalives.idle)))),
            ("keepalives_interval", String(max(1, Self.wholeSeconds(keepalives.interval)))),
            ("keepalives_count", String(keepalives.count)),
        ]
        if let password { parameters.append(("password", password)) }
        var options = additionalParameters["options"].map { [$0] } ?? []
        if let statementTimeout {
            options.append("-c statement_timeout=\(statementTimeout.wholeMilliseconds)")
        }
        if !options.isEmpty { parameters.append(("options", options.joined(separator: " "))) }
        for (key, value) in additionalParameters where key != "options" { parameters.append((key, value)) }
        return parameters
    }

    private static func wholeSeconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return attoseconds > 0 ? seconds + 1 : seconds
    }

    private static func parse(_ url: String) throws(PostgresError) -> [String: String] {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0).trimmingNewlines() } ?? "out of memory"
            PQfreemem(errorMessage)
            throw PostgresError(code: .invalidConfiguration, message: "invalid PostgreSQL URL: \(reason)")
        }
        defer { PQconninfoFree(options) }
        var parameters: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { parameters[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        return parameters
    }
}

extension String {
    /// libpq messages end with a newline; errors read better without it.
    func trimmingNewlines() -> String {
        var text = Substring(self)
        while text.last?.isNewline == true { text = text.dropLast() }
        return String(text)
    }
}
