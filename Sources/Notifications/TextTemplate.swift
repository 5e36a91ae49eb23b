/// A `{{name}}` template, parsed once. Rendering escapes every value for its target
/// (`TemplateEscaping`); there is no unescaped form, so a tenant override cannot open a hole.
/// A name absent from the values renders as nothing.
public struct TextTemplate: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case literal(String)
        case variable(String)
    }

    let parts: [Part]
    public let source: String

    public init(_ source: String) throws(TemplateError) {
        self.source = source
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.literal(String(rest[..<open.lowerBound]))) }
            let offset = source.distance(from: source.startIndex, to: open.lowerBound)
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw TemplateError(.unclosedTag, offset: offset) }
            let name = rest[open.upperBound..<close.lowerBound].trimmingSpaces()
            guard !name.isEmpty, name.allSatisfy(Self.isNameCharacter) else { throw TemplateError(.invalidName, offset: offset) }
            parts.append(.variable(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    /// The names the template uses.
    public var variables: Set<String> {
        Set(parts.compactMap { if case .variable(let name) = $0 { name } else { nil } })
    }

    public func render(_ values: [String: String], escaping: TemplateEscaping) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let text): out += text
            case .variable(let name): out += escaping.escape(values[name] ?? "")
            }
        }
        return out
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == ".")
    }
}

/// Why a template's text cannot be used.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case unclosedTag = "a {{ is never closed"
        case invalidName = "a tag name is empty or has characters other than letters, digits, _ and ."
        case unknownTemplate = "no template for this event type"
    }

    public let code: Code
    /// Character offset of the offending tag.
    public let offset: Int

    public init(_ code: Code, offset: Int = 0) {
        self.code = code
        self.offset = offset
    }

    public var description: String { "\(code.rawValue) (at character \(offset))" }
}

private extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
