import FieldOpsCore

/// How to reach and talk to the broker. Built once at start-up (from a URL or the environment) and
/// passed to `AMQPConnection.connect`.
public struct AMQPConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String
    public var virtualHost: String
    /// Heartbeat interval negotiated with the broker, in seconds (0 disables heartbeats).
    public var heartbeatSeconds: Int
    /// Shown in the management UI (`connection_name` client property).
    public var connectionName: String?
    /// Delay between reconnect attempts after the connection was lost.
    public var reconnectBackoff: Backoff
    /// Limit for opening the TCP connection and for every synchronous broker call (declare, bind, consume…).
    public var operationTimeout: Duration
    /// How many queued publishes the connection writes before it reads the broker's confirms again:
    /// larger batches mean fewer wake-ups, smaller ones a quicker first confirm.
    public var confirmBatchSize: Int
    public var frameMax: Int

    public init(
        host: String = "127.0.0.1", port: Int = 5672, username: String = "guest", password: String = "guest",
        virtualHost: String = "/", heartbeatSeconds: Int = 30, connectionName: String? = nil,
        reconnectBackoff: Backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(5)),
        operationTimeout: Duration = .seconds(30), confirmBatchSize: Int = 1000, frameMax: Int = 131_072
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.virtualHost = virtualHost
        self.heartbeatSeconds = heartbeatSeconds
        self.connectionName = connectionName
        self.reconnectBackoff = reconnectBackoff
        self.operationTimeout = operationTimeout
        self.confirmBatchSize = confirmBatchSize
        self.frameMax = frameMax
    }

    /// Parses `amqp://user:pass@host:port/vhost`. User, password and vhost are percent-decoded
    /// (`%2F` is the default vhost "/"); a missing or empty path also means "/".
    public init(url: String) throws(AMQPError) {
        self.init()
        try AMQPURL.parse(url, into: &self)
    }

    /// Reads `FIELDOPS_AMQP_URL` and the tuning variables:
    /// `FIELDOPS_AMQP_HEARTBEAT_SECONDS` (30), `FIELDOPS_AMQP_CONNECTION_NAME` (else `connectionName`),
    /// `FIELDOPS_AMQP_RECONNECT_INITIAL_MS` (100), `FIELDOPS_AMQP_RECONNECT_MAX_MS` (5000),
    /// `FIELDOPS_AMQP_TIMEOUT_MS` (30000), `FIELDOPS_AMQP_CONFIRM_BATCH_SIZE` (1000).
    public init(environment: Environment, connectionName: String? = nil) throws(AMQPError) {
        let url = environment.string("FIELDOPS_AMQP_URL", default: "amqp://guest:guest@127.0.0.1:5672/%2F")
        try self.init(url: url)
        do throws(ConfigurationError) {
            heartbeatSeconds = try environment.int("FIELDOPS_AMQP_HEARTBEAT_SECONDS", default: 30)
            self.connectionName = environment.string("FIELDOPS_AMQP_CONNECTION_NAME") ?? connectionName
            let initial = try environment.milliseconds("FIELDOPS_AMQP_RECONNECT_INITIAL_MS", default: .milliseconds(100))
            let maximum = try environment.milliseconds("FIELDOPS_AMQP_RECONNECT_MAX_MS", default: .seconds(5))
            guard initial > .zero, maximum >= initial else {
                throw ConfigurationError(
                    variable: "FIELDOPS_AMQP_RECONNECT_MAX_MS", value: "\(maximum)",
                    expected: "a value ≥ FIELDOPS_AMQP_RECONNECT_INITIAL_MS > 0"
                )
            }
            reconnectBackoff = Backoff(initial: initial, maximum: maximum)
            operationTimeout = try environment.milliseconds("FIELDOPS_AMQP_TIMEOUT_MS", default: .seconds(30))
            confirmBatchSize = try environment.int("FIELDOPS_AMQP_CONFIRM_BATCH_SIZE", default: 1000)
        } catch {
            throw AMQPError(.invalidConfiguration, error.description)
        }
        try validate()
    }

    func validate() throws(AMQPError) {
        guard (1...65535).contains(port) else { throw AMQPError(.invalidConfiguration, "port \(port) is out of range") }
        guard (0...65535).contains(heartbeatSeconds) else {
            throw AMQPError(.invalidConfiguration, "heartbeat \(heartbeatSeconds)s is out of range")
        }
        guard confirmBatchSize > 0 else { throw AMQPError(.invalidConfiguration, "confirm batch size must be positive") }
        guard operationTimeout > .zero else { throw AMQPError(.invalidConfiguration, "operation timeout must be positive") }
    }
}
