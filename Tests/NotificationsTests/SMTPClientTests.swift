import Mail
import TestSupport
import Testing

@Suite("SMTP client against aiosmtpd")
struct SMTPClientTests {
    static func client(port: Int, username: String?, password: String?) throws -> SMTPClient {
        SMTPClient(configuration: SMTPConfiguration(
            host: "127.0.0.1", port: port, security: .none, username: username, password: password, from: try MailAddress("ops@fieldops.test")
        ))
    }

    static func message() throws -> MailMessage {
        MailMessage(from: try MailAddress("ops@fieldops.test"), to: [try MailAddress("lea@example.com")], subject: "Auth", text: "t")
    }

    @Test("a relay that requires AUTH takes the mail with the right credentials, refuses others for good")
    func authentication() async throws {
        let sink = try SMTPSink(credentials: "relay:s3cret")
        try await Self.client(port: sink.port, username: "relay", password: "s3cret").send(Self.message())
        #expect(try sink.mails().count == 1)
        let refused = await #expect(throws: MailError.self) {
            try await Self.client(port: sink.port, username: "relay", password: "wrong").send(Self.message())
        }
        #expect(refused?.code == .authenticationFailed || refused?.replyCode == 535, "\(String(describing: refused))")
        #expect(refused?.isPermanent == true)
        let anonymous = await #expect(throws: MailError.self) {
            try await Self.client(port: sink.port, username: nil, password: nil).send(Self.message())
        }
        #expect(anonymous?.isPermanent == true, "530 authentication required is a 5xx refusal")
        #expect(try sink.mails().count == 1)
    }

    @Test("STARTTLS required against a relay that does not offer it fails instead of sending in clear")
    func startTLSRequired() async throws {
        let sink = try SMTPSink()
        let client = SMTPClient(configuration: SMTPConfiguration(
            host: "127.0.0.1", port: sink.port, security: .startTLS, from: try MailAddress("ops@fieldops.test")
        ))
        let error = await #expect(throws: MailError.self) { try await client.send(Self.message()) }
        #expect(error?.code == .connectionFailed)
        #expect(try sink.mails().isEmpty)
    }

    @Test("a relay that is not there is a transient failure")
    func unreachable() async throws {
        let error = await #expect(throws: MailError.self) { try await Self.client(port: 1, username: nil, password: nil).send(Self.message()) }
        #expect(error?.isPermanent == false)
    }
}
