/// Picks the template for an event type and locale: the tenant's override first, then the
/// built-in one in that locale, then the built-in French one.
public struct TemplateCatalog: Sendable {
    public let overrides: [TemplateKey: NotificationTemplate]

    public init(overrides: [TemplateKey: NotificationTemplate] = [:]) {
        self.overrides = overrides
    }

    public func template(eventType: String, locale: NotificationLocale) throws(TemplateError) -> NotificationTemplate {
        for key in [TemplateKey(eventType: eventType, locale: locale), TemplateKey(eventType: eventType, locale: .fallback)] {
            if let override = overrides[key] { return override }
            if let texts = BuiltInTemplates.texts[key] {
                return try NotificationTemplate(subject: texts.subject, text: texts.text, html: texts.html)
            }
        }
        throw TemplateError(.unknownTemplate)
    }

    public func render(eventType: String, locale: NotificationLocale, values: [String: String]) throws(TemplateError) -> RenderedNotification {
        try template(eventType: eventType, locale: locale).render(values)
    }
}
