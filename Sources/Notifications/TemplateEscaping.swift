import FieldOpsCore

/// How a value is made safe for the text it is spliced into.
public enum TemplateEscaping: Sendable {
    /// Mail subjects and plain-text bodies: values go in as they are.
    case none
    /// HTML bodies: `& < > " '` become entities, so a site named `<script>` stays text.
    case html
    /// Inside a JSON string literal (SMS provider bodies).
    case jsonString
    /// An `application/x-www-form-urlencoded` value or a URL query value.
    case formValue

    public func escape(_ value: String) -> String {
        switch self {
        case .none: value
        case .html: Self.html(value)
        case .jsonString: Self.jsonString(value)
        case .formValue: PercentEncoding.encode(value)
        }
    }

    private static func html(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func jsonString(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // `<` too, so the value cannot close a script element if the JSON lands in a page.
            case "<": out += "\\u003c"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
