import FieldOpsCore

extension Environment {
    /// A log level by name (`trace` … `critical`); a misspelt one fails start-up with the variable named.
    public func logLevel(_ name: String, default fallback: Logger.Level = .info) throws(ConfigurationError) -> Logger.Level {
        let levelName = string(name, default: fallback.name)
        guard let level = Logger.Level(name: levelName) else {
            throw ConfigurationError(variable: name, value: levelName, expected: Logger.Level.allCases.map(\.name).joined(separator: "|"))
        }
        return level
    }
}
