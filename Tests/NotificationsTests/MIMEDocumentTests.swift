import Foundation
import Mail
import Testing

@Suite("MIME documents")
struct MIMEDocumentTests {
    @Test("HTML + text alternative inside mixed with a base64 attachment; non-ASCII subject encoded")
    func structure() throws {
        let message = MailMessage(
            from: try MailAddress("noreply@fieldops.test", name: "FieldOps360"), to: [try MailAddress("lea@example.com", name: "Léa Martin")],
            subject: "Rapport prêt : semaine 48", text: "Bonjour", html: "<p>Bonjour</p>",
            attachments: [MailAttachment(filename: "rapport S48.pdf", contentType: "application/pdf", content: Array("%PDF-1.7".utf8))]
        )
        let text = String(decoding: try MIMEDocument.render(message, date: Date(timeIntervalSince1970: 1_796_423_400), messageID: "m1@fieldops.test", boundarySeed: "b1"), as: UTF8.self)
        #expect(text.contains("Subject: =?UTF-8?B?"))
        #expect(text.contains("Date: Fri, 04 Dec 2026 22:30:00 +0000"))
        #expect(text.contains("Content-Type: multipart/mixed; boundary=\"mixed-b1\""))
        #expect(text.contains("Content-Type: multipart/alternative; boundary=\"alt-b1\""))
        #expect(text.contains("Content-Disposition: attachment; filename=\"rapport S48.pdf\"; filename*=UTF-8''rapport%20S48.pdf"))
        #expect(text.contains(Data("%PDF-1.7".utf8).base64EncodedString()))
        #expect(text.hasSuffix("--mixed-b1--\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends with CRLF")
    }

    @Test("addresses that could inject headers or SMTP commands are refused")
    func addresses() {
        #expect(throws: MailError.self) { try MailAddress("a@b.c\r\nRCPT TO:<x@y.z>") }
        #expect(throws: MailError.self) { try MailAddress("no-at-sign") }
        #expect(throws: MailError.self) { try MailAddress("a@nodot") }
        #expect(throws: MailError.self) { try MailAddress("<a@b.c>") }
    }
}
