/// An attribute value on a span, a span event or a resource: the scalar kinds OTLP carries.
public enum SpanAttributeValue: Sendable, Hashable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// Attributes by key. Keys are dotted, following the OpenTelemetry conventions where one exists
/// (`http.request.method`, `messaging.destination.name`, `tenant`).
public typealias SpanAttributes = [String: SpanAttributeValue]
