#if canImport(Glibc)
import Glibc
#endif
import AMQP
import FieldOpsCore
import GPSIngest
import HTTPServer
import Mesh
import Postgres
import Telemetry

/// The OsmAnd endpoint (Traccar Client, OsmAnd and compatible apps) on its own port, 5055 by
/// default: a process of its own so trackers' traffic scales and fails apart from the API gateway.
let environment = Environment.process()
let ingest: GPSIngestConfiguration
let controlPlaneConfiguration: PostgresConfiguration
let amqp: AMQPConfiguration
let logLevel: Logger.Level
do {
    ingest = try GPSIngestConfiguration(environment: environment)
    controlPlaneConfiguration = try PostgresConfiguration(environment: environment)
    amqp = try AMQPConfiguration(environment: environment, connectionName: "gps-ingest")
    logLevel = try environment.logLevel("FIELDOPS_OSMAND_LOG_LEVEL")
} catch {
    Logger(label: "gps-ingest").critical("invalid configuration", ["error": "\(error)"])
    exit(2)
}

let logger = Logger(label: "gps-ingest", level: logLevel)
let metrics = MetricsRegistry()
var controlPlaneSettings = controlPlaneConfiguration
controlPlaneSettings.applicationName = "gps-ingest"
let controlPlane = PostgresPool(configuration: controlPlaneSettings, logger: logger)
let broker = BrokerLink(configuration: amqp, logger: logger)
let brokerConnect = Task { try await broker.connect() }

var router = Router()
router.addOperationalRoutes(metrics: metrics, readiness: [
    ReadinessCheck(name: "rabbitmq") { broker.isReady },
    ReadinessCheck(name: "postgres") { (try? await controlPlane.query("SELECT 1")) != nil },
])
OsmAndRoutes(intake: PositionIntake(broker: broker, configuration: ingest), directory: DeviceDirectory(controlPlane: controlPlane)).register(in: &router)

let signals = TerminationSignals()
let server = HTTPServer(configuration: ingest.osmAnd, router: router, logger: logger, metrics: metrics)
do {
    try server.start()
} catch {
    logger.critical("OsmAnd server failed to start", ["error": error.description])
    exit(1)
}
logger.info("OsmAnd endpoint listening", ["port": "\(server.port)"])

let signalName = await signals.next()
logger.info("shutting down", ["signal": signalName])
await server.shutdown(gracePeriod: .seconds(5))
brokerConnect.cancel()
await broker.close()
await controlPlane.close()
exit(0)
