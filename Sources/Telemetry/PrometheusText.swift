/// The pieces of the Prometheus text exposition format 0.0.4 that need care: escaping and numbers.
enum PrometheusText {
    /// `# HELP` text escapes backslash and newline.
    static func escapeHelp(_ text: String) -> String { escape(text, quotes: false) }

    /// Label values escape backslash, double quote and newline.
    static func escapeLabelValue(_ text: String) -> String { escape(text, quotes: true) }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\"" where quotes: out += "\\\""
            default: out.append(character)
            }
        }
        return out
    }

    /// Whole numbers print without a fraction (`3`, not `3.0`); infinities as `+Inf`/`-Inf`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `{a="x",b="y"}`, or nothing when there are no labels.
    static func labelSet(names: [String], values: [String]) -> String {
        guard !names.isEmpty else { return "" }
        var out = "{"
        for index in names.indices {
            if index > 0 { out += "," }
            out += names[index] + "=\"" + escapeLabelValue(values[index]) + "\""
        }
        return out + "}"
    }

    static func header(name: String, help: String, type: String) -> String {
        "# HELP \(name) \(escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    /// A counter or gauge: the header, then one `name{labels} value` line per series.
    static func singleValueFamily(
        name: String, help: String, type: String, labelNames: [String], samples: [(values: [String], value: Double)]
    ) -> String {
        var out = header(name: name, help: help, type: type)
        for sample in samples {
            out += name + labelSet(names: labelNames, values: sample.values) + " " + number(sample.value) + "\n"
        }
        return out
    }

    static func isValidMetricName(_ name: String) -> Bool {
        isValidName(name, allowColon: true)
    }

    static func isValidLabelName(_ name: String) -> Bool {
        isValidName(name, allowColon: false) && !name.hasPrefix("__")
    }

    private static func isValidName(_ name: String, allowColon: Bool) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                || (allowColon && byte == UInt8(ascii: ":"))
        }
    }
}
