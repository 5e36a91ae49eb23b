import FieldOpsCore
import Telemetry
import Testing
import TraceExport

@Suite("OTLP exporter configuration from OTEL_* variables")
struct OTLPExporterConfigurationTests {
    @Test("export is off when no endpoint is set, or when the SDK is disabled")
    func disabled() throws {
        #expect(try OTLPExporterConfiguration(environment: Environment([:]), defaultServiceName: "gateway") == nil)
        #expect(try OTLPExporterConfiguration(environment: Environment([
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_SDK_DISABLED": "true",
        ]), defaultServiceName: "gateway") == nil)
    }

    @Test("the base endpoint gets /v1/traces; the traces endpoint is used as it is and wins")
    func endpoints() throws {
        let base = try #require(try OTLPExporterConfiguration(
            environment: Environment(["OTEL_EXPORTER_OTLP_ENDPOINT": "https://collector:4318//"]), defaultServiceName: "gateway"
        ))
        #expect(base.tracesURL == "https://collector:4318/v1/traces")
        let specific = try #require(try OTLPExporterConfiguration(environment: Environment([
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://traces:9000/otlp",
        ]), defaultServiceName: "gateway"))
        #expect(specific.tracesURL == "http://traces:9000/otlp")
    }

    @Test("service name: OTEL_SERVICE_NAME, else service.name from OTEL_RESOURCE_ATTRIBUTES, else the default")
    func serviceName() throws {
        func resolved(_ values: [String: String]) throws -> SpanAttributeValue? {
            var values = values
            values["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318"
            return try OTLPExporterConfiguration(environment: Environment(values), defaultServiceName: "worker-gps")?
                .resourceAttributes["service.name"]
        }
        #expect(try resolved([:]) == "worker-gps")
        #expect(try resolved(["OTEL_RESOURCE_ATTRIBUTES": "service.name=from-resource,team=field"]) == "from-resource")
        #expect(try resolved(["OTEL_RESOURCE_ATTRIBUTES": "service.name=from-resource", "OTEL_SERVICE_NAME": "named"]) == "named")
    }

    @Test("batching settings come from the OTEL_BSP_* variables")
    func batching() throws {
        let configuration = try #require(try OTLPExporterConfiguration(environment: Environment([
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_BSP_SCHEDULE_DELAY": "250",
            "OTEL_BSP_MAX_QUEUE_SIZE": "100", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "10", "OTEL_EXPORTER_OTLP_TIMEOUT": "3000",
        ]), defaultServiceName: "gateway"))
        #expect(configuration.flushInterval == .milliseconds(250))
        #expect(configuration.maxQueueSize == 100)
        #expect(configuration.maxBatchSize == 10)
        #expect(configuration.exportTimeout == .seconds(3))
    }

    @Test("bad values are refused with the variable's name", arguments: [
        ("OTEL_EXPORTER_OTLP_HEADERS", "api-key"),
        ("OTEL_EXPORTER_OTLP_HEADERS", "=value"),
        ("OTEL_EXPORTER_OTLP_HEADERS", "api-key=%zz"),
        ("OTEL_EXPORTER_OTLP_HEADERS", "api-key=a%0D%0AInjected: yes"),
        ("OTEL_RESOURCE_ATTRIBUTES", "team"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ("OTEL_BSP_MAX_QUEUE_SIZE", "0"),
        ("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "5000"),
        ("OTEL_BSP_SCHEDULE_DELAY", "soon"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"),
    ])
    func refusesBadValues(variable: String, value: String) {
        var values = ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"]
        values[variable] = value
        #expect {
            _ = try OTLPExporterConfiguration(environment: Environment(values), defaultServiceName: "gateway")
        } throws: { error in
            (error as? ConfigurationError)?.variable == variable
        }
    }
}
