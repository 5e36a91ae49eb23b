import FieldOpsCore
import Foundation
import TestSupport

/// `scripts/smtp/sink.py` (aiosmtpd) as a child process: a real SMTP server that records each mail.
final class SMTPSink: Sendable {
    struct Mail: Decodable {
        let mailFrom: String
        let rcptTos: [String]
        let data: String

        enum CodingKeys: String, CodingKey { case mailFrom = "mail_from", rcptTos = "rcpt_tos", data }

        var raw: String { String(decoding: Data(base64Encoded: data) ?? Data(), as: UTF8.self) }
    }

    private let server: ScriptServer
    private let output = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString).jsonl")

    var port: Int { server.port }

    /// The test venv's Python (aiosmtpd is installed there by scripts/install.sh), else the one on PATH.
    static var python: URL {
        let venv = TestServices.environment.string("FIELDOPS_VAR", default: TestServices.repositoryRoot.appendingPathComponent(".local").path)
            + "/tools/test-venv/bin/python"
        return FileManager.default.isExecutableFile(atPath: venv) ? URL(fileURLWithPath: venv) : URL(fileURLWithPath: "/usr/bin/python3")
    }

    /// `credentials` (`user:password`) makes the sink require AUTH.
    init(credentials: String? = nil) throws {
        server = try ScriptServer(
            executable: Self.python,
            arguments: [TestServices.repositoryRoot.appendingPathComponent("scripts/smtp/sink.py").path, output.path] + (credentials.map { [$0] } ?? [])
        )
    }

    deinit {
        try? FileManager.default.removeItem(at: output)
    }

    func mails() throws -> [Mail] {
        guard let data = FileManager.default.contents(atPath: output.path) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Mail.self, from: Data($0)) }
    }

    func mails(to address: String) throws -> [Mail] {
        try mails().filter { $0.rcptTos.contains(address) }
    }
}
