import AMQP
import FieldOpsCore
import Synchronization
import Telemetry

/// The process's connection to the broker, established in the background: a process starts (and
/// answers `/healthz`, with `/readyz` false) even while the broker is still down, and connects as
/// soon as it can. Once connected, the client itself reconnects after any loss.
public final class BrokerLink: Sendable {
    private let configuration: AMQPConfiguration
    private let logger: Logger
    private let current = Mutex<AMQPConnection?>(nil)

    public init(configuration: AMQPConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The connection, once the first connect succeeded.
    public var connection: AMQPConnection? { current.withLock { $0 } }

    /// Connected right now (false while the client is reconnecting).
    public var isReady: Bool { connection?.isConnected ?? false }

    /// Connects with backoff until it succeeds or the task is cancelled; returns the connection.
    @discardableResult
    public func connect() async throws -> AMQPConnection {
        var attempt = 0
        while true {
            if let connection { return connection }
            do {
                let connection = try await AMQPConnection.connect(configuration: configuration, logger: logger)
                current.withLock { $0 = connection }
                logger.info("broker connected", ["amqp.host": configuration.host])
                return connection
            } catch {
                let delay = configuration.reconnectBackoff.delay(attempt: attempt)
                logger.warning("broker unreachable, retrying", ["error": "\(error)", "retry.in_ms": "\(delay.wholeMilliseconds)"])
                attempt += 1
                try await Task.sleep(for: delay)
            }
        }
    }

    public func close() async {
        await connection?.close()
    }
}
