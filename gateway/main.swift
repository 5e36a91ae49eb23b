import FieldOpsCore
import Foundation
import GatewayCore
import HTTPServer
import Telemetry
import TraceExport

#if canImport(Glibc)
import Glibc
#endif

let environment = Environment.process()
let configuration: GatewayConfiguration
let openAPIDocument: [UInt8]
do {
    configuration = try GatewayConfiguration(environment: environment)
    let openAPIPath = environment.string("FIELDOPS_GATEWAY_OPENAPI_PATH", default: "docs/openapi.json")
    guard let document = FileManager.default.contents(atPath: openAPIPath) else {
        throw ConfigurationError(variable: "FIELDOPS_GATEWAY_OPENAPI_PATH", value: openAPIPath, expected: "a readable OpenAPI document")
    }
    openAPIDocument = Array(document)
} catch {
    Logger(label: "gateway").critical("invalid configuration", ["error": "\(error)"])
    exit(2)
}

let logger = Logger(label: "gateway", level: configuration.logLevel)
let metrics = MetricsRegistry()
let tracing: Tracing
do {
    tracing = try Tracing(environment: environment, serviceName: "gateway", logger: logger)
} catch {
    logger.critical("invalid tracing configuration", ["error": "\(error)"])
    exit(2)
}
let services: GatewayServices
do {
    services = try GatewayServices(configuration: configuration, logger: logger)
} catch {
    logger.critical("services could not start", ["error": "\(error)"])
    exit(1)
}
let brokerConnect = Task { try await services.broker.connect() }
let housekeeping = Task { await Housekeeping(pool: services.postgres, logger: logger).run() }
let usageExport = Task { await TenantUsageExporter(pool: services.postgres, metrics: metrics, logger: logger).run() }

let application = GatewayApplication(
    configuration: configuration, services: services, metrics: metrics, logger: logger, openAPIDocument: openAPIDocument
)

let signals = TerminationSignals()
let server = HTTPServer(configuration: configuration.http, router: application.router, logger: logger, metrics: metrics, tracer: tracing.tracer)
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
housekeeping.cancel()
usageExport.cancel()
await services.close()
await tracing.shutdown()
exit(0)
