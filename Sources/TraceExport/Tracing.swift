import FieldOpsCore
import Telemetry

/// A process's tracer: exporting over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, a no-op
/// otherwise. Built once at start-up; `shutdown()` sends what is still queued.
public struct Tracing: Sendable {
    public let tracer: Tracer
    private let exporter: OTLPExporter?

    public init(environment: Environment, serviceName: String, logger: Logger) throws(ConfigurationError) {
        exporter = try OTLPExporterConfiguration(environment: environment, defaultServiceName: serviceName)
            .map { OTLPExporter(configuration: $0, logger: logger) }
        tracer = exporter.map { Tracer(exporter: $0) } ?? .noop
    }

    public func shutdown() async {
        await exporter?.shutdown(timeout: .seconds(5))
    }
}
