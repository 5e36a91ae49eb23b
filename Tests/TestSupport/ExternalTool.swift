import Foundation

/// A command-line tool the tests read their output back with (poppler's `pdftotext`, the test
/// virtual environment's `python`): found in `$FIELDOPS_VAR/tools/test-venv/bin` or the system.
public enum ExternalTool {
    public struct Failure: Error, CustomStringConvertible {
        public let tool: String
        public let output: String

        public var description: String { "\(tool) failed: \(output)" }
    }

    /// Runs `tool` and returns its standard output; a non-zero exit is a `Failure`.
    public static func run(_ tool: String, _ arguments: [String]) async throws -> String {
        let result = try await ChildProcess.run(URL(fileURLWithPath: try locate(tool)), arguments: arguments)
        guard result.status == 0 else { throw Failure(tool: tool, output: result.errorOutput) }
        return result.output
    }

    public static func locate(_ tool: String) throws -> String {
        let variable = TestServices.environment.string("FIELDOPS_VAR", default: TestServices.repositoryRoot.appendingPathComponent(".local").path)
        let candidates = ["\(variable)/tools/test-venv/bin/\(tool)", "/usr/bin/\(tool)", "/usr/local/bin/\(tool)"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(tool: tool, output: "not found in \(candidates)")
        }
        return found
    }
}
