/// One e-mail: a plain-text body and an HTML alternative, and files attached.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var text: String
    public var html: String?
    public var attachments: [MailAttachment]
    /// Extra headers (`Auto-Submitted`, `List-Unsubscribe`…); names and values are checked.
    public var headers: [(name: String, value: String)]

    public init(
        from: MailAddress, to: [MailAddress], subject: String, text: String, html: String? = nil, attachments: [MailAttachment] = [],
        headers: [(name: String, value: String)] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.headers = headers
    }

    public static func == (lhs: MailMessage, rhs: MailMessage) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.subject == rhs.subject && lhs.text == rhs.text && lhs.html == rhs.html
            && lhs.attachments == rhs.attachments && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }
}

public struct MailAttachment: Sendable, Equatable {
    public var filename: String
    public var contentType: String
    public var content: [UInt8]

    public init(filename: String, contentType: String, content: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.content = content
    }
}
