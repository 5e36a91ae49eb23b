import FieldOpsCore

/// Where and how to reach Redis, built once at start-up from a URL or the environment.
public struct RedisConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// ACL user (Redis 6+); nil authenticates as `default` when a password is set.
    public var username: String?
    public var password: String?
    public var database: Int
    /// Most connections a `RedisPool` opens.
    public var poolSize: Int
    public var connectTimeout: Duration
    /// Longest wait for one reply; a connection that hits it is discarded.
    public var commandTimeout: Duration
    /// Longest wait for a pooled connection (including reconnect attempts).
    public var poolTimeout: Duration
    /// A pooled connection idle for longer than this is PINGed before it is handed out.
    public var healthCheckAfterIdle: Duration

    public init(
        host: String = "127.0.0.1",
        port: Int = 6379,
        username: String? = nil,
        password: String? = nil,
        database: Int = 0,
        poolSize: Int = 8,
        connectTimeout: Duration = .seconds(2),
        commandTimeout: Duration = .seconds(5),
        poolTimeout: Duration = .seconds(5),
        healthCheckAfterIdle: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.poolTimeout = poolTimeout
        self.healthCheckAfterIdle = healthCheckAfterIdle
    }

    /// Parses `redis://[[user]:password@]host[:port][/db]`; user and password may be percent-encoded.
    public init(url: String) throws(RedisError) {
        self.init()
        let scheme = "redis://"
        guard url.hasPrefix(scheme) else {
            throw RedisError(.invalidConfiguration, "Redis URL must start with redis:// (got \(url.prefix(16))…)")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                let user = try Self.percentDecoded(credentials[..<colon])
                username = user.isEmpty ? nil : user
                password = try Self.percentDecoded(credentials[credentials.index(after: colon)...])
            } else {
                password = try Self.percentDecoded(credentials)
            }
        }
        var authority = rest
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let path = rest[rest.index(after: slash)...]
            if !path.isEmpty {
                guard let db = Int(path), db >= 0 else {
                    throw RedisError(.invalidConfiguration, "Redis URL database must be a non-negative integer, got \(path)")
                }
                database = db
            }
        }
        if let colon = authority.lastIndex(of: ":") {
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65535).contains(number) else {
                throw RedisError(.invalidConfiguration, "Redis URL port must be 1…65535")
            }
            port = number
            authority = authority[..<colon]
        }
        guard !authority.isEmpty else { throw RedisError(.invalidConfiguration, "Redis URL has no host") }
        host = String(authority)
    }

    /// Reads `FIELDOPS_REDIS_URL` (default `redis://127.0.0.1:6379/0`), `FIELDOPS_REDIS_POOL_SIZE`,
    /// `FIELDOPS_REDIS_CONNECT_TIMEOUT_MS`, `FIELDOPS_REDIS_COMMAND_TIMEOUT_MS` and `FIELDOPS_REDIS_POOL_TIMEOUT_MS`.
    public init(environment: Environment) throws(ConfigurationError) {
        let urlVariable = "FIELDOPS_REDIS_URL"
        let url = environment.string(urlVariable, default: "redis://127.0.0.1:6379/0")
        do {
            try self.init(url: url)
        } catch {
            throw ConfigurationError(variable: urlVariable, value: url, expected: "redis://[[user]:password@]host[:port][/db]")
        }
        let sizeVariable = "FIELDOPS_REDIS_POOL_SIZE"
        poolSize = try environment.int(sizeVariable, default: poolSize)
        guard poolSize >= 1 else {
            throw ConfigurationError(variable: sizeVariable, value: String(poolSize), expected: "at least 1")
        }
        connectTimeout = try environment.milliseconds("FIELDOPS_REDIS_CONNECT_TIMEOUT_MS", default: connectTimeout)
        commandTimeout = try environment.milliseconds("FIELDOPS_REDIS_COMMAND_TIMEOUT_MS", default: commandTimeout)
        poolTimeout = try environment.milliseconds("FIELDOPS_REDIS_POOL_TIMEOUT_MS", default: poolTimeout)
    }

    private static func percentDecoded(_ text: Substring) throws(RedisError) -> String {
        guard let decoded = PercentDecoding.decode(text) else {
            throw RedisError(.invalidConfiguration, "Redis URL has a bad percent escape")
        }
        return decoded
    }
}
