/// Typed reads of configuration variables, so each `…Configuration` struct is built once at start-up
/// from one snapshot of the environment and a bad value fails loudly with the variable's name.
public struct Environment: Sendable {
    public let values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    /// The process environment, read once.
    public static func process() -> Environment {
        Environment(ProcessEnvironment.snapshot())
    }

    public func string(_ name: String, default fallback: String) -> String {
        values[name].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
    }

    public func string(_ name: String) -> String? {
        values[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    public func int(_ name: String, default fallback: Int) throws(ConfigurationError) -> Int {
        guard let raw = string(name) else { return fallback }
        guard let value = Int(raw) else { throw ConfigurationError(variable: name, value: raw, expected: "an integer") }
        return value
    }

    public func bool(_ name: String, default fallback: Bool) throws(ConfigurationError) -> Bool {
        guard let raw = string(name) else { return fallback }
        switch raw.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(variable: name, value: raw, expected: "a boolean (true/false)")
        }
    }

    /// A duration written in milliseconds, the unit every `*_MS` variable uses.
    public func milliseconds(_ name: String, default fallback: Duration) throws(ConfigurationError) -> Duration {
        guard let raw = string(name) else { return fallback }
        guard let value = Int(raw), value >= 0 else {
            throw ConfigurationError(variable: name, value: raw, expected: "a non-negative number of milliseconds")
        }
        return .milliseconds(value)
    }
}

public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let variable: String
    public let value: String
    public let expected: String

    public init(variable: String, value: String, expected: String) {
        self.variable = variable
        self.value = value
        self.expected = expected
    }

    public var description: String { "\(variable)=\(value) is invalid: expected \(expected)" }
}
