import FieldOpsCore
import Foundation

/// The RFC 5322 / MIME bytes of a `MailMessage`: `multipart/alternative` (text, then HTML) inside
/// `multipart/mixed` when there are attachments. Every part is base64 (lines of 76, CRLF), so no
/// body line can be too long or be mistaken for the end of the SMTP data.
public enum MIMEDocument {
    public static func render(_ message: MailMessage, date: Date, messageID: String, boundarySeed: String) throws(MailError) -> [UInt8] {
        for header in message.headers {
            guard !header.name.isEmpty, header.name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
                  !header.value.contains(where: \.isNewline)
            else { throw MailError(.invalidMessage, "invalid header \(header.name.prefix(40))") }
        }
        guard !message.to.isEmpty else { throw MailError(.invalidMessage, "a mail needs at least one recipient") }
        var lines = [
            "From: \(message.from)",
            "To: " + message.to.map(\.description).joined(separator: ",\r\n "),
            "Subject: " + EncodedWord.headerText(message.subject),
            "Date: " + rfc5322(date),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ] + message.headers.map { "\($0.name): \($0.value)" }

        let alternative = "alt-" + boundarySeed
        var body = part(contentType: "text/plain; charset=utf-8", content: Array(message.text.utf8))
        var bodyType = "text/plain; charset=utf-8"
        if let html = message.html {
            body = multipart(boundary: alternative, parts: [body, part(contentType: "text/html; charset=utf-8", content: Array(html.utf8))])
            bodyType = "multipart/alternative; boundary=\"\(alternative)\""
        }
        if message.attachments.isEmpty {
            if message.html == nil {
                lines += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64"]
                return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + base64Lines(Array(message.text.utf8))).utf8)
            }
            lines.append("Content-Type: " + bodyType)
            return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
        }
        let mixed = "mixed-" + boundarySeed
        let first = message.html == nil ? body : "Content-Type: \(bodyType)\r\n\r\n" + body
        let attachments = message.attachments.map { attachment in
            part(
                contentType: sanitizedType(attachment.contentType) + "; name=\"\(asciiFilename(attachment.filename))\"",
                disposition: "attachment; filename=\"\(asciiFilename(attachment.filename))\"; filename*=UTF-8''"
                    + PercentEncoding.encode(attachment.filename),
                content: attachment.content
            )
        }
        lines.append("Content-Type: multipart/mixed; boundary=\"\(mixed)\"")
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + multipart(boundary: mixed, parts: [first] + attachments)).utf8)
    }

    private static func part(contentType: String, disposition: String? = nil, content: [UInt8]) -> String {
        var headers = "Content-Type: \(contentType)\r\nContent-Transfer-Encoding: base64\r\n"
        if let disposition { headers += "Content-Disposition: \(disposition)\r\n" }
        return headers + "\r\n" + base64Lines(content)
    }

    private static func multipart(boundary: String, parts: [String]) -> String {
        parts.map { "--\(boundary)\r\n\($0)\r\n" }.joined() + "--\(boundary)--\r\n"
    }

    private static func base64Lines(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    private static func sanitizedType(_ type: String) -> String {
        let ok = type.split(separator: "/").count == 2 && type.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/.+-".contains($0)) }
        return ok ? type : "application/octet-stream"
    }

    /// The filename reduced to safe ASCII, for clients that ignore `filename*`.
    private static func asciiFilename(_ name: String) -> String {
        let kept = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._- ".contains($0)) ? $0 : "_" })
        return kept.isEmpty ? "attachment" : kept
    }

    private static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
