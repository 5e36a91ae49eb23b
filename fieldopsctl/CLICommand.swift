import FieldOpsCore

/// One `fieldopsctl` subcommand: its words, its help, and what it does.
struct CLICommand: Sendable {
    let words: [String]
    let summary: String
    let usage: String
    let run: @Sendable (ParsedArguments, Environment) async throws -> Int32
}

/// `--name value` options and positional words after the command's own words.
struct ParsedArguments: Sendable {
    var positional: [String] = []
    var options: [String: String] = [:]
    var wantsHelp = false

    init(_ words: [String]) throws(UsageError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "--help" || word == "-h" {
                wantsHelp = true
            } else if word.hasPrefix("--") {
                guard index + 1 < words.count else { throw UsageError("option \(word) needs a value") }
                options[String(word.dropFirst(2))] = words[index + 1]
                index += 1
            } else {
                positional.append(word)
            }
            index += 1
        }
    }

    func option(_ name: String, default fallback: String) -> String { options[name] ?? fallback }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
