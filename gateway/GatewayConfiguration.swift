import FieldOpsCore
import HTTPServer
import Telemetry

/// The gateway's settings, read once from `FIELDOPS_GATEWAY_*` variables.
struct GatewayConfiguration: Sendable {
    var http: HTTPServerConfiguration
    var logLevel: Logger.Level
    /// How long in-flight requests may take to finish after SIGTERM.
    var shutdownGracePeriod: Duration

    static let prefix = "FIELDOPS_GATEWAY_"

    init(environment: Environment) throws(ConfigurationError) {
        http = try HTTPServerConfiguration(
            environment: environment, prefix: Self.prefix, defaults: HTTPServerConfiguration(port: 8080)
        )
        let levelName = environment.string(Self.prefix + "LOG_LEVEL", default: "info")
        guard let level = Logger.Level(name: levelName) else {
            throw ConfigurationError(
                variable: Self.prefix + "LOG_LEVEL", value: levelName,
                expected: Logger.Level.allCases.map(\.name).joined(separator: "|")
            )
        }
        logLevel = level
        shutdownGracePeriod = try environment.milliseconds(Self.prefix + "SHUTDOWN_GRACE_MS", default: .seconds(10))
    }
}
