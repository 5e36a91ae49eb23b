import Foundation
import TestSupport

/// Runs the built `fieldopsctl` (from `swift build --build-tests`) and captures what it printed.
struct CommandLineRun {
    let status: Int32
    let output: String
    let errorOutput: String

    static let executable = TestServices.repositoryRoot.appendingPathComponent(".build/debug/fieldopsctl")

    init(_ arguments: [String], environment overrides: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["FIELDOPS_AMQP_URL": TestServices.amqpURL, "FIELDOPS_POSTGRES_URL": TestServices.postgresURL]
        ) { _, test in test }.merging(overrides) { _, override in override }
        let output = Pipe()
        let errorOutput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        try process.run()
        // Read before waiting: a full pipe would otherwise block the child forever.
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let errors = errorOutput.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        self.output = String(decoding: printed, as: UTF8.self)
        self.errorOutput = String(decoding: errors, as: UTF8.self)
    }
}
