import FieldOpsCore
import GatewayCore
import HTTPServer
import Telemetry

#if canImport(Glibc)
import Glibc
#endif

let configuration: GatewayConfiguration
do {
    configuration = try GatewayConfiguration(environment: Environment.process())
} catch {
    Logger(label: "gateway").critical("invalid configuration", ["error": "\(error)"])
    exit(2)
}

let logger = Logger(label: "gateway", level: configuration.logLevel)
let metrics = MetricsRegistry()
let services = GatewayServices(configuration: configuration, logger: logger)
let brokerConnect = Task { try await services.broker.connect() }

var router = Router()
router.addOperationalRoutes(metrics: metrics, readiness: services.readinessChecks)

let signals = TerminationSignals()
let server = HTTPServer(configuration: configuration.http, router: router, logger: logger, metrics: metrics)
do {
    try server.start()
} catch {
    logger.critical("http server failed to start", ["error": error.description])
    exit(1)
}

let signalName = await signals.next()
logger.info("shutting down", ["signal": signalName])
await server.shutdown(gracePeriod: configuration.shutdownGracePeriod)
brokerConnect.cancel()
await services.close()
exit(0)
