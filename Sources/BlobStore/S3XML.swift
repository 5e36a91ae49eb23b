/// The few XML elements the store reads from S3 answers: `<UploadId>` of a new multipart upload,
/// and `<Code>`/`<Message>` of an error. S3 answers are flat and machine-written, so finding an
/// element's text is enough; no general XML parser is needed.
enum S3XML {
    /// The text of the first `<name>…</name>`, with the five predefined entities decoded.
    static func text(of name: String, in body: [UInt8]) -> String? {
        let document = String(decoding: body, as: UTF8.self)
        guard let open = document.firstRange(of: "<\(name)>"),
              let close = document[open.upperBound...].firstRange(of: "</\(name)>") else { return nil }
        return unescape(String(document[open.upperBound..<close.lowerBound]))
    }

    static func escape(_ text: String) -> String {
        text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;")
            .replacingAll("\"", with: "&quot;").replacingAll("'", with: "&apos;")
    }

    private static func unescape(_ text: String) -> String {
        text.replacingAll("&quot;", with: "\"").replacingAll("&apos;", with: "'").replacingAll("&lt;", with: "<")
            .replacingAll("&gt;", with: ">").replacingAll("&amp;", with: "&")
    }
}

private extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
