import FieldOpsCore
import Telemetry

/// An `ExportTraceServiceRequest` in the OTLP/HTTP JSON encoding: the protobuf JSON mapping with
/// OTLP's own rules — trace and span ids as lowercase hex (not base64), enums as numbers, 64-bit
/// integers (timestamps, `intValue`) as decimal strings, lowerCamelCase field names.
enum OTLPTraceJSON {
    static func exportRequest(_ spans: some Collection<FinishedSpan>, resource: SpanAttributes, scopeName: String) -> [UInt8] {
        var out = #"{"resourceSpans":[{"resource":{"attributes":"#
        appendAttributes(resource, to: &out)
        out += #"},"scopeSpans":[{"scope":{"name":"#
        JSONString.append(scopeName, to: &out)
        out += #"},"spans":["#
        for (index, span) in spans.enumerated() {
            if index > 0 { out += "," }
            appendSpan(span, to: &out)
        }
        out += "]}]}]}"
        return Array(out.utf8)
    }

    private static func appendSpan(_ span: FinishedSpan, to out: inout String) {
        out += #"{"traceId":""# + span.context.traceID.hex
        out += #"","spanId":""# + span.context.spanID.hex + "\""
        if let parent = span.parentSpanID {
            out += #","parentSpanId":""# + parent.hex + "\""
        }
        if let tracestate = span.context.tracestate {
            out += #","traceState":"#
            JSONString.append(tracestate, to: &out)
        }
        out += #","name":"#
        JSONString.append(span.name, to: &out)
        out += #","kind":"# + String(span.kind.rawValue)
        out += #","startTimeUnixNano":""# + String(span.startTimeUnixNano)
        out += #"","endTimeUnixNano":""# + String(span.endTimeUnixNano) + #"","attributes":"#
        appendAttributes(span.attributes, to: &out)
        if !span.events.isEmpty {
            out += #","events":["#
            for (index, event) in span.events.enumerated() {
                if index > 0 { out += "," }
                out += #"{"timeUnixNano":""# + String(event.timeUnixNano) + #"","name":"#
                JSONString.append(event.name, to: &out)
                out += #","attributes":"#
                appendAttributes(event.attributes, to: &out)
                out += "}"
            }
            out += "]"
        }
        switch span.status {
        case .unset:
            break
        case .ok:
            out += #","status":{"code":1}"#
        case .error(let message):
            out += #","status":{"code":2,"message":"#
            JSONString.append(message, to: &out)
            out += "}"
        }
        out += "}"
    }

    /// A `KeyValue` list, sorted by key so the same span always encodes the same way.
    private static func appendAttributes(_ attributes: SpanAttributes, to out: inout String) {
        out += "["
        for (index, key) in attributes.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            out += #"{"key":"#
            JSONString.append(key, to: &out)
            out += #","value":"#
            appendValue(attributes[key]!, to: &out)
            out += "}"
        }
        out += "]"
    }

    /// An `AnyValue`.
    private static func appendValue(_ value: SpanAttributeValue, to out: inout String) {
        switch value {
        case .string(let text):
            out += #"{"stringValue":"#
            JSONString.append(text, to: &out)
            out += "}"
        case .int(let number):
            out += #"{"intValue":""# + String(number) + #""}"#
        case .double(let number):
            out += #"{"doubleValue":"# + jsonNumber(number) + "}"
        case .bool(let flag):
            out += #"{"boolValue":"# + (flag ? "true" : "false") + "}"
        }
    }

    /// JSON has no NaN or infinities; the protobuf JSON mapping writes them as these strings.
    private static func jsonNumber(_ number: Double) -> String {
        if number.isNaN { return #""NaN""# }
        if number.isInfinite { return number < 0 ? #""-Infinity""# : #""Infinity""# }
        return String(number)
    }
}
