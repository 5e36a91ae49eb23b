/// A route path such as `/v1/interventions/{id}`: literal segments and named parameters. A last
/// segment `{name...}` takes the rest of the path, slashes included (static files under a prefix).
struct PathTemplate: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
        case remainder(String)
    }

    let text: String
    let segments: [Segment]

    init(_ text: String) {
        precondition(text.hasPrefix("/"), "route template '\(text)' must start with /")
        self.text = text
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        segments = parts.enumerated().map { index, part in
            if index == parts.count - 1, part.hasPrefix("{"), part.hasSuffix("...}"), part.count > 5 {
                return .remainder(String(part.dropFirst().dropLast(4)))
            }
            if part.hasPrefix("{"), part.hasSuffix("}"), part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(String(part))
        }
    }

    /// No parameters: only the path that is the template's text fits it.
    var isLiteral: Bool {
        segments.allSatisfy { if case .literal = $0 { true } else { false } }
    }

    var endsInRemainder: Bool {
        if case .remainder = segments.last { true } else { false }
    }

    /// Whether a path of `length` segments can fit: exactly as many as the template has, or at least
    /// as many when it ends in a remainder.
    func accepts(length: Int) -> Bool {
        endsInRemainder ? length >= segments.count : length == segments.count
    }

    /// The parameters when `path` fits the template, nil otherwise.
    /// A remainder takes one segment or more, possibly empty (`/console/` gives it "").
    func match(_ pathSegments: [Substring]) -> [String: String]? {
        guard accepts(length: pathSegments.count) else { return nil }
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            let part = pathSegments[index]
            switch segment {
            case .literal(let literal):
                guard part == literal else { return nil }
            case .parameter(let name):
                guard !part.isEmpty else { return nil }
                parameters[name] = String(part)
            case .remainder(let name):
                parameters[name] = pathSegments[index...].joined(separator: "/")
            }
        }
        return parameters
    }

    /// Orders templates so that, of two that overlap, the one with a literal segment where the other
    /// has a parameter comes first: `/v1/sites/export` wins over `/v1/sites/{id}` whatever the
    /// registration order. A strict total order (literals compared as text, a literal before a
    /// parameter, shorter first), so sorting by it is well defined for any set of templates.
    func isMoreSpecific(than other: PathTemplate) -> Bool {
        for (mine, theirs) in zip(segments, other.segments) {
            switch (mine, theirs) {
            case (.literal(let a), .literal(let b)) where a != b: return a < b
            case (.literal, .parameter), (.literal, .remainder), (.parameter, .remainder): return true
            case (.parameter, .literal), (.remainder, .literal), (.remainder, .parameter): return false
            default: continue
            }
        }
        return segments.count < other.segments.count
    }
}
