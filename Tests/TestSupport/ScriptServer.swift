import Foundation

/// A helper server run as a child process (a Python sink under scripts/): it prints the port it
/// listens on as its first line, and exits when its standard input closes — so it never outlives
/// the test process, even one that dies before cleaning up.
public final class ScriptServer: Sendable {
    public struct StartFailure: Error, CustomStringConvertible {
        public let description: String
    }

    public let port: Int
    private let process: Process
    private let input: Pipe

    public init(executable: URL, arguments: [String]) throws {
        let process = Process()
        let input = Pipe()
        let printed = Pipe()
        let errors = Pipe()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = printed
        process.standardError = errors
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = printed.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                process.waitUntilExit()
                let reason = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw StartFailure(description: "\(arguments.first ?? executable.path) exited before listening: \(reason)")
            }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw StartFailure(description: "\(arguments.first ?? executable.path) printed no port: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
        self.process = process
        self.input = input
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }
}
