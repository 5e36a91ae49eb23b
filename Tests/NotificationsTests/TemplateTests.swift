import Notifications
import Testing

@Suite("Notification templates")
struct TemplateTests {
    @Test("a <script> in a site name is escaped in the HTML body, kept as text in the subject and plain body")
    func htmlEscaping() throws {
        let rendered = try TemplateCatalog().render(
            eventType: NotificationEventType.interventionAssigned, locale: .fr,
            values: ["site_name": "<script>alert('x')</script>", "intervention_title": "Pose \"tableau\" & câblage", "recipient_name": "Léa"]
        )
        #expect(!rendered.html.contains("<script>"))
        #expect(rendered.html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(rendered.html.contains("Pose &quot;tableau&quot; &amp; câblage"))
        #expect(rendered.text.contains("<script>alert('x')</script>"))
        #expect(rendered.subject == "Intervention assignée : Pose \"tableau\" & câblage")
    }

    @Test("French is the default; English is used when asked; an unknown locale tag falls back to French")
    func locales() throws {
        let catalog = TemplateCatalog()
        let values = ["report_name": "Hebdo S48"]
        #expect(try catalog.render(eventType: NotificationEventType.reportReady, locale: .fr, values: values).subject == "Rapport prêt : Hebdo S48")
        #expect(try catalog.render(eventType: NotificationEventType.reportReady, locale: .en, values: values).subject == "Report ready: Hebdo S48")
        #expect(NotificationLocale(tag: "de-DE") == .fr)
        #expect(NotificationLocale(tag: "en-GB") == .en)
    }

    @Test("every built-in event type has a French and an English template that parse")
    func builtInsParse() throws {
        for eventType in NotificationEventType.all {
            for locale in NotificationLocale.allCases {
                _ = try TemplateCatalog().template(eventType: eventType, locale: locale)
            }
        }
    }

    @Test("a tenant override wins in its locale; other locales keep the built-in text; values stay escaped")
    func overrides() throws {
        let override = try NotificationTemplate(subject: "Chantier {{site_name}}", text: "{{site_name}}", html: "<b>{{site_name}}</b>")
        let catalog = TemplateCatalog(overrides: [TemplateKey(eventType: NotificationEventType.photoProcessed, locale: .fr): override])
        let french = try catalog.render(eventType: NotificationEventType.photoProcessed, locale: .fr, values: ["site_name": "<i>A</i>"])
        #expect(french.subject == "Chantier <i>A</i>")
        #expect(french.html == "<b>&lt;i&gt;A&lt;/i&gt;</b>")
        let english = try catalog.render(eventType: NotificationEventType.photoProcessed, locale: .en, values: ["site_name": "A"])
        #expect(english.subject == "Photo processed: A")
    }

    @Test("bad templates are refused with the place of the fault; unknown types have no template")
    func errors() {
        #expect(throws: TemplateError(.unclosedTag, offset: 6)) { try TextTemplate("Hello {{name") }
        #expect(throws: TemplateError(.invalidName, offset: 0)) { try TextTemplate("{{ na me }}") }
        #expect(throws: TemplateError(.unknownTemplate)) { try TemplateCatalog().template(eventType: "nope", locale: .fr) }
    }

    @Test("a line break in a value cannot add a line to the subject")
    func subjectStaysOnOneLine() throws {
        let rendered = try TemplateCatalog().render(
            eventType: NotificationEventType.message, locale: .fr, values: ["title": "Hi\r\nBcc: x@example.com", "body": "b"]
        )
        #expect(!rendered.subject.contains("\n") && !rendered.subject.contains("\r"))
    }

    @Test("values are escaped for JSON strings and form values (SMS provider bodies)")
    func otherEscapings() throws {
        let template = try TextTemplate(#"{"text":"{{text}}"}"#)
        #expect(template.render(["text": "a\"b\\c\n<"], escaping: .jsonString) == #"{"text":"a\"b\\c\n\u003c"}"#)
        #expect(TemplateEscaping.formValue.escape("é &=x") == "%C3%A9%20%26%3Dx")
    }

    @Test("a digest lists every item under the localized introduction, escaped in HTML")
    func digest() throws {
        let items = [
            RenderedNotification(subject: "Photo <1>", text: "ligne 1", html: ""),
            RenderedNotification(subject: "Photo 2", text: "ligne 2", html: ""),
        ]
        let digest = try DigestComposer.compose(items, recipientName: "Léa", locale: .fr, catalog: TemplateCatalog())
        #expect(digest.subject == "Votre résumé FieldOps360 : 2 notification(s)")
        #expect(digest.text.contains("- Photo <1>\n  ligne 1") && digest.text.contains("- Photo 2"))
        #expect(digest.html.contains("<li><strong>Photo &lt;1&gt;</strong><br>ligne 1</li>"))
    }
}
