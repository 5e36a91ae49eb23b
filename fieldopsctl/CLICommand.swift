import FieldOpsCore

/// One `fieldopsctl` subcommand: its words, its help, the options it takes, and what it does.
struct CLICommand: Sendable {
    let words: [String]
    let summary: String
    let usage: String
    /// `--name value` options it accepts.
    var options: Set<String> = []
    /// `--name` switches it accepts (no value).
    var flags: Set<String> = []
    let run: @Sendable (ParsedArguments, Environment) async throws -> Int32
}

/// `--name value` options, `--name` flags and positional words after the command's own words.
/// An option or flag the command does not declare is a usage error, so a typo never goes unnoticed.
struct ParsedArguments: Sendable {
    var positional: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []
    var wantsHelp = false

    init(_ words: [String], options known: Set<String> = [], flags knownFlags: Set<String> = []) throws(UsageError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            let name = String(word.dropFirst(2))
            if word == "--help" || word == "-h" {
                wantsHelp = true
            } else if word.hasPrefix("--"), knownFlags.contains(name) {
                flags.insert(name)
            } else if word.hasPrefix("--"), known.contains(name) {
                guard index + 1 < words.count else { throw UsageError("option \(word) needs a value") }
                options[name] = words[index + 1]
                index += 1
            } else if word.hasPrefix("-") {
                throw UsageError("unknown option \(word)")
            } else {
                positional.append(word)
            }
            index += 1
        }
    }

    func option(_ name: String, default fallback: String) -> String { options[name] ?? fallback }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// A whole-number option within `range`.
    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let raw = options[name] else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(raw)'")
        }
        return value
    }

    /// The positional words, exactly `names.count` of them (named in the error when they are not).
    func positional(_ names: String...) throws(UsageError) -> [String] {
        guard positional.count == names.count else {
            throw UsageError("expected \(names.map { "<\($0)>" }.joined(separator: " ")), got \(positional.count) argument(s)")
        }
        return positional
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
