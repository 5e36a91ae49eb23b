import FieldOpsCore

/// Renders one log record as a single JSON line with sorted metadata keys, so lines diff cleanly.
enum LogLine {
    static func render(timestamp: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var out = "{\"ts\":\"\(timestamp)\",\"level\":\"\(level.name)\",\"logger\":"
        JSONString.append(label, to: &out)
        out += ",\"msg\":"
        JSONString.append(message, to: &out)
        for key in metadata.keys.sorted() {
            out += ","
            JSONString.append(key, to: &out)
            out += ":"
            JSONString.append(metadata[key]!, to: &out)
        }
        out += "}\n"
        return out
    }
}
