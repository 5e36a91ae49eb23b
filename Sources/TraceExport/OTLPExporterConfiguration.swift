import FieldOpsCore
import Telemetry

/// Where and how finished spans are sent over OTLP/HTTP with the JSON encoding. Built once at
/// start-up, usually from the standard `OTEL_*` variables with `init?(environment:defaultServiceName:)`.
public struct OTLPExporterConfiguration: Sendable {
    /// The full URL spans are POSTed to, `<endpoint>/v1/traces`.
    public var tracesURL: String
    /// Sent with every export, e.g. a collector's API key.
    public var headers: [(name: String, value: String)]
    /// Describes the process; always holds `service.name`.
    public var resourceAttributes: SpanAttributes
    /// The instrumentation scope spans are reported under.
    public var scopeName = "fieldops360"
    /// Finished spans waiting to be sent; past this, new spans are dropped (and counted).
    public var maxQueueSize = 2048
    /// Spans per request; a full batch is sent without waiting for the flush interval.
    public var maxBatchSize = 512
    public var flushInterval: Duration = .seconds(5)
    /// For one request.
    public var exportTimeout: Duration = .seconds(10)
    /// Requests per batch, the first included, before the batch is dropped.
    public var maxAttempts = 4
    public var retryBackoff = Backoff(initial: .milliseconds(250), maximum: .seconds(5))

    /// `endpoint` is the collector's base URL (`http://collector:4318`); `/v1/traces` is appended.
    public init(endpoint: String, serviceName: String, headers: [(name: String, value: String)] = [], resourceAttributes: SpanAttributes = [:]) {
        self.init(tracesURL: Self.tracesURL(base: endpoint), serviceName: serviceName, headers: headers, resourceAttributes: resourceAttributes)
    }

    /// `tracesURL` is used as it is, like `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`.
    public init(tracesURL: String, serviceName: String, headers: [(name: String, value: String)] = [], resourceAttributes: SpanAttributes = [:]) {
        self.tracesURL = tracesURL
        self.headers = headers
        self.resourceAttributes = resourceAttributes
        self.resourceAttributes["service.name"] = .string(serviceName)
    }

    /// Reads the OpenTelemetry SDK variables. Nil, meaning tracing is off, when neither
    /// `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` nor `OTEL_EXPORTER_OTLP_ENDPOINT` is set, or when
    /// `OTEL_SDK_DISABLED` is true. `defaultServiceName` applies when `OTEL_SERVICE_NAME` is unset.
    public init?(environment: Environment, defaultServiceName: String) throws(ConfigurationError) {
        guard try !environment.bool("OTEL_SDK_DISABLED", default: false) else { return nil }
        let url: String
        if let tracesEndpoint = environment.string("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
            url = tracesEndpoint
        } else if let endpoint = environment.string("OTEL_EXPORTER_OTLP_ENDPOINT") {
            url = Self.tracesURL(base: endpoint)
        } else {
            return nil
        }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ConfigurationError(variable: "OTEL_EXPORTER_OTLP_ENDPOINT", value: url, expected: "an http:// or https:// URL")
        }
        let encoding = environment.string("OTEL_EXPORTER_OTLP_PROTOCOL", default: "http/json")
        guard encoding == "http/json" else {
            throw ConfigurationError(variable: "OTEL_EXPORTER_OTLP_PROTOCOL", value: encoding, expected: "http/json, the only encoding this exporter sends")
        }

        var resource: SpanAttributes = [:]
        if let raw = environment.string("OTEL_RESOURCE_ATTRIBUTES") {
            for pair in try OTLPKeyValueList.parse(raw, variable: "OTEL_RESOURCE_ATTRIBUTES") {
                resource[pair.key] = .string(pair.value)
            }
        }
        // OTEL_SERVICE_NAME wins over a service.name given in OTEL_RESOURCE_ATTRIBUTES.
        let serviceName = environment.string("OTEL_SERVICE_NAME") ?? resource["service.name"].flatMap {
            if case .string(let name) = $0 { name } else { nil }
        } ?? defaultServiceName
        let headersVariable = environment.string("OTEL_EXPORTER_OTLP_TRACES_HEADERS") != nil
            ? "OTEL_EXPORTER_OTLP_TRACES_HEADERS" : "OTEL_EXPORTER_OTLP_HEADERS"
        let headers = try environment.string(headersVariable).map { raw throws(ConfigurationError) in
            try OTLPKeyValueList.parse(raw, variable: headersVariable).map { (name: $0.key, value: $0.value) }
        } ?? []

        self.init(tracesURL: url, serviceName: serviceName, headers: headers, resourceAttributes: resource)
        exportTimeout = try environment.milliseconds("OTEL_EXPORTER_OTLP_TIMEOUT", default: exportTimeout)
        flushInterval = try environment.milliseconds("OTEL_BSP_SCHEDULE_DELAY", default: flushInterval)
        maxQueueSize = try Self.positive(environment, "OTEL_BSP_MAX_QUEUE_SIZE", default: maxQueueSize)
        maxBatchSize = try Self.positive(environment, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", default: min(maxBatchSize, maxQueueSize))
        guard maxBatchSize <= maxQueueSize else {
            throw ConfigurationError(variable: "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", value: String(maxBatchSize), expected: "at most OTEL_BSP_MAX_QUEUE_SIZE (\(maxQueueSize))")
        }
    }

    private static func tracesURL(base: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/v1/traces"
    }

    private static func positive(_ environment: Environment, _ name: String, default fallback: Int) throws(ConfigurationError) -> Int {
        let value = try environment.int(name, default: fallback)
        guard value > 0 else { throw ConfigurationError(variable: name, value: String(value), expected: "a positive integer") }
        return value
    }
}
