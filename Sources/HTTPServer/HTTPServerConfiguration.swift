import FieldOpsCore

/// How an `HTTPServer` listens and what it accepts; built once from the environment.
public struct HTTPServerConfiguration: Sendable {
    /// Numeric IPv4 or IPv6 address to bind (`0.0.0.0`, `127.0.0.1`, `::`).
    public var bindAddress: String
    /// TCP port; 0 lets the system choose (read it back from `HTTPServer.port`).
    public var port: Int
    /// MHD threads, each running its own poll loop over a share of the connections and the
    /// non-waiting part of their handlers (see `HandlerExecutor`); one per core is a good start.
    public var threads: Int
    /// Largest request body accepted; larger ones get `413`.
    public var maxBodyBytes: Int
    /// Bodies larger than this are written to a temporary file instead of kept in memory.
    public var inMemoryBodyLimit: Int
    /// Idle connections are closed after this long.
    public var connectionTimeout: Duration
    public var connectionLimit: Int
    /// Per-connection buffer for the request line and headers; larger headers are refused by MHD
    /// (`431`). MHD zeroes the whole buffer before each request a connection makes, so its size is
    /// paid on every request: 16 KiB holds about 15 KB of headers (nginx's default is 8 KB per line)
    /// and, measured with wrk on `/healthz`, costs 12 % less CPU per request than 64 KiB did.
    public var connectionMemoryLimit: Int
    /// Directory for large request bodies.
    public var temporaryDirectory: String
    /// Interval between comment lines on idle server-sent-event streams, which also detect gone clients.
    public var eventStreamHeartbeat: Duration

    public init(
        bindAddress: String = "0.0.0.0",
        port: Int = 8080,
        threads: Int = 2,
        maxBodyBytes: Int = 16 << 20,
        inMemoryBodyLimit: Int = 256 << 10,
        connectionTimeout: Duration = .seconds(30),
        connectionLimit: Int = 4096,
        connectionMemoryLimit: Int = 16 << 10,
        temporaryDirectory: String = "/tmp",
        eventStreamHeartbeat: Duration = .seconds(15)
    ) {
        self.bindAddress = bindAddress
        self.port = port
        self.threads = threads
        self.maxBodyBytes = maxBodyBytes
        self.inMemoryBodyLimit = inMemoryBodyLimit
        self.connectionTimeout = connectionTimeout
        self.connectionLimit = connectionLimit
        self.connectionMemoryLimit = connectionMemoryLimit
        self.temporaryDirectory = temporaryDirectory
        self.eventStreamHeartbeat = eventStreamHeartbeat
    }

    /// Reads `<prefix>BIND`, `<prefix>PORT`, `<prefix>THREADS`, `<prefix>MAX_BODY_BYTES`,
    /// `<prefix>MEMORY_BODY_BYTES`, `<prefix>CONNECTION_TIMEOUT_MS`, `<prefix>CONNECTION_LIMIT`,
    /// `<prefix>TMPDIR` and `<prefix>SSE_HEARTBEAT_MS`, e.g. with prefix `FIELDOPS_GATEWAY_`.
    public init(environment: Environment, prefix: String, defaults: HTTPServerConfiguration = .init()) throws(ConfigurationError) {
        self = defaults
        bindAddress = environment.string(prefix + "BIND", default: defaults.bindAddress)
        port = try environment.int(prefix + "PORT", default: defaults.port)
        threads = try environment.int(prefix + "THREADS", default: defaults.threads)
        maxBodyBytes = try environment.int(prefix + "MAX_BODY_BYTES", default: defaults.maxBodyBytes)
        inMemoryBodyLimit = try environment.int(prefix + "MEMORY_BODY_BYTES", default: defaults.inMemoryBodyLimit)
        connectionTimeout = try environment.milliseconds(prefix + "CONNECTION_TIMEOUT_MS", default: defaults.connectionTimeout)
        connectionLimit = try environment.int(prefix + "CONNECTION_LIMIT", default: defaults.connectionLimit)
        temporaryDirectory = environment.string(prefix + "TMPDIR", default: defaults.temporaryDirectory)
        eventStreamHeartbeat = try environment.milliseconds(prefix + "SSE_HEARTBEAT_MS", default: defaults.eventStreamHeartbeat)
        try validate(prefix: prefix)
    }

    private func validate(prefix: String) throws(ConfigurationError) {
        guard (0...65535).contains(port) else {
            throw ConfigurationError(variable: prefix + "PORT", value: String(port), expected: "a port in 0...65535")
        }
        guard (1...256).contains(threads) else {
            throw ConfigurationError(variable: prefix + "THREADS", value: String(threads), expected: "1...256 threads")
        }
        guard maxBodyBytes >= 0 else {
            throw ConfigurationError(variable: prefix + "MAX_BODY_BYTES", value: String(maxBodyBytes), expected: "a non-negative size")
        }
        guard inMemoryBodyLimit >= 0 else {
            throw ConfigurationError(variable: prefix + "MEMORY_BODY_BYTES", value: String(inMemoryBodyLimit), expected: "a non-negative size")
        }
        guard connectionLimit > 0 else {
            throw ConfigurationError(variable: prefix + "CONNECTION_LIMIT", value: String(connectionLimit), expected: "a positive count")
        }
    }
}
