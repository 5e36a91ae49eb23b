import FieldOpsCore
import HTTPServer
import Telemetry

#if canImport(Glibc)
import Glibc
#endif

let environment = Environment.process()
let configuration: GatewayConfiguration
do {
    configuration = try GatewayConfiguration(environment: environment)
} catch {
    Logger(label: "gateway").critical("invalid configuration", ["error": error.description])
    exit(2)
}

let logger = Logger(label: "gateway", level: configuration.logLevel)
let metrics = MetricsRegistry()

// Dependencies reachable (PostgreSQL, Redis, RabbitMQ): one check per client, added as they are wired.
let readiness: [ReadinessCheck] = []

var router = Router()
router.addOperationalRoutes(metrics: metrics, readiness: readiness)

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
exit(0)
