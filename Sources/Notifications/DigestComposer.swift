/// Folds a person's waiting low-priority notifications into one message: the digest template's
/// introduction, then one entry per item, oldest first. Item texts are escaped for the HTML body.
public enum DigestComposer {
    public static func compose(
        _ items: [RenderedNotification], recipientName: String, locale: NotificationLocale, catalog: TemplateCatalog
    ) throws(TemplateError) -> RenderedNotification {
        let introduction = try catalog.render(
            eventType: NotificationEventType.digest, locale: locale, values: ["count": String(items.count), "recipient_name": recipientName]
        )
        let text = items.map { "- \($0.subject)\n  \($0.text.replacing("\n", with: "\n  "))" }.joined(separator: "\n")
        let html = items.map { item in
            "<li><strong>\(TemplateEscaping.html.escape(item.subject))</strong><br>\(TemplateEscaping.html.escape(item.text).replacing("\n", with: "<br>"))</li>"
        }.joined()
        return RenderedNotification(
            subject: introduction.subject, text: introduction.text + "\n\n" + text, html: introduction.html + "<ul>" + html + "</ul>"
        )
    }
}
