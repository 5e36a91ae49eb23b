/// The three texts of one event type in one locale: a subject and a plain-text body rendered
/// without escaping, and an HTML body whose values are HTML-escaped.
public struct NotificationTemplate: Sendable, Equatable {
    public let subject: TextTemplate
    public let text: TextTemplate
    public let html: TextTemplate

    public init(subject: String, text: String, html: String) throws(TemplateError) {
        self.subject = try TextTemplate(subject)
        self.text = try TextTemplate(text)
        self.html = try TextTemplate(html)
    }

    public func render(_ values: [String: String]) -> RenderedNotification {
        // A line break in a subject would end up in a mail header: keep subjects on one line.
        let subject = subject.render(values, escaping: .none).split(whereSeparator: \.isNewline).joined(separator: " ")
        return RenderedNotification(subject: subject, text: text.render(values, escaping: .none), html: html.render(values, escaping: .html))
    }
}

/// Which template: an event type in a locale.
public struct TemplateKey: Hashable, Sendable {
    public let eventType: String
    public let locale: NotificationLocale

    public init(eventType: String, locale: NotificationLocale) {
        self.eventType = eventType
        self.locale = locale
    }
}
