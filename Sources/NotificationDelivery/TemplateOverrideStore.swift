import Notifications
import Postgres

/// The tenant's own wording of templates.
public struct TemplateOverrideStore: Sendable {
    public init() {}

    /// The catalog with every override of the tenant; an override that no longer parses is skipped
    /// (the built-in text is used) rather than blocking every notification of its type.
    public func catalog(on database: some QueryRunner) async throws -> TemplateCatalog {
        let rows = try await database.query(
            "SELECT event_type, locale, subject, text_body, html_body FROM notification_template_overrides"
        ).decode((String, String, String, String, String).self)
        var overrides: [TemplateKey: NotificationTemplate] = [:]
        for (eventType, locale, subject, text, html) in rows {
            guard let locale = NotificationLocale(rawValue: locale), let template = try? NotificationTemplate(subject: subject, text: text, html: html)
            else { continue }
            overrides[TemplateKey(eventType: eventType, locale: locale)] = template
        }
        return TemplateCatalog(overrides: overrides)
    }

    public func save(eventType: String, locale: NotificationLocale, subject: String, text: String, html: String, on database: some QueryRunner) async throws {
        try await database.query("""
            INSERT INTO notification_template_overrides (event_type, locale, subject, text_body, html_body)
            VALUES (\(eventType), \(locale.rawValue), \(subject), \(text), \(html))
            ON CONFLICT (event_type, locale) DO UPDATE SET subject = excluded.subject, text_body = excluded.text_body,
                html_body = excluded.html_body, updated_at = now()
            """)
    }
}
