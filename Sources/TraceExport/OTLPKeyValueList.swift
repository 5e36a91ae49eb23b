import FieldOpsCore

/// The `key1=value1,key2=value2` lists of `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_RESOURCE_ATTRIBUTES`.
/// Values are percent-decoded (the W3C Baggage format those variables use); a control character
/// would let a value inject a header, so it is refused with the rest of the malformed entries.
enum OTLPKeyValueList {
    static func parse(_ raw: String, variable: String) throws(ConfigurationError) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        for entry in raw.split(separator: ",") {
            let invalid = ConfigurationError(variable: variable, value: raw, expected: "a list of key=value separated by commas")
            guard let equals = entry.firstIndex(of: "=") else { throw invalid }
            let key = entry[..<equals].trimmed
            guard !key.isEmpty, let value = PercentDecoding.decode(entry[entry.index(after: equals)...].trimmed),
                  !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { throw invalid }
            pairs.append((key, value))
        }
        return pairs
    }
}

private extension Substring {
    var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
