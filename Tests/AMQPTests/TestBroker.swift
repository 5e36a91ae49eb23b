import AMQP
import FieldOpsCore
import Telemetry

/// The broker the tests run against: `FIELDOPS_AMQP_URL`, or the local services' default.
enum TestBroker {
    static let defaultURL = "amqp://fieldops:fieldops-local@127.0.0.1:25672/%2F"

    static func configuration() throws -> AMQPConfiguration {
        let environment = Environment.process()
        var configuration = try AMQPConfiguration(url: environment.string("FIELDOPS_AMQP_URL", default: defaultURL))
        configuration.connectionName = "amqp-tests"
        configuration.reconnectBackoff = Backoff(initial: .milliseconds(100), maximum: .milliseconds(500))
        configuration.operationTimeout = .seconds(10)
        return configuration
    }

    static func connect() async throws -> AMQPConnection {
        try await AMQPConnection.connect(configuration: configuration(), logger: logger)
    }

    static let logger = Logger(label: "amqp-tests", level: .error)

    static func uniqueName(_ prefix: String) -> String {
        "test.\(prefix).\(String(UInt64.random(in: 0...UInt64.max), radix: 36))"
    }
}
