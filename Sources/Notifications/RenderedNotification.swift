/// A notification in one person's language, ready for any channel: the subject doubles as the
/// in-app title and the text as the SMS body.
public struct RenderedNotification: Sendable, Equatable, Codable {
    public var subject: String
    public var text: String
    public var html: String

    public init(subject: String, text: String, html: String) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}
