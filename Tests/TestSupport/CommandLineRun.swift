import Foundation

/// Runs the built `fieldopsctl` (from `swift build --build-tests`) and captures what it printed.
public struct CommandLineRun: Sendable {
    public let status: Int32
    public let output: String
    public let errorOutput: String

    public static let executable = TestServices.repositoryRoot.appendingPathComponent(".build/debug/fieldopsctl")

    public init(_ arguments: [String], environment overrides: [String: String] = [:]) async throws {
        let environment = ProcessInfo.processInfo.environment.merging(
            ["FIELDOPS_AMQP_URL": TestServices.amqpURL, "FIELDOPS_POSTGRES_URL": TestServices.postgresURL]
        ) { _, test in test }.merging(overrides) { _, override in override }
        let result = try await ChildProcess.run(Self.executable, arguments: arguments, environment: environment)
        status = result.status
        output = result.output
        errorOutput = result.errorOutput
    }
}
