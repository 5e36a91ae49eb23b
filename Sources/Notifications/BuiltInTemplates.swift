/// The templates every tenant starts with, French and English. Tenants override any of them
/// (`TemplateCatalog`). Each is `(subject, text, html)`.
enum BuiltInTemplates {
    typealias Texts = (subject: String, text: String, html: String)

    static let texts: [TemplateKey: Texts] = [
        TemplateKey(eventType: NotificationEventType.interventionAssigned, locale: .fr): (
            "Intervention assignée : {{intervention_title}}",
            "Bonjour {{recipient_name}},\n\nL'intervention « {{intervention_title}} » sur le chantier {{site_name}} vous est assignée pour le {{scheduled_start}}.\n{{link}}",
            "<p>Bonjour {{recipient_name}},</p><p>L'intervention « {{intervention_title}} » sur le chantier <strong>{{site_name}}</strong> vous est assignée pour le {{scheduled_start}}.</p><p><a href=\"{{link}}\">Voir l'intervention</a></p>"
        ),
        TemplateKey(eventType: NotificationEventType.interventionAssigned, locale: .en): (
            "Intervention assigned: {{intervention_title}}",
            "Hello {{recipient_name}},\n\nThe intervention \"{{intervention_title}}\" at site {{site_name}} is assigned to you for {{scheduled_start}}.\n{{link}}",
            "<p>Hello {{recipient_name}},</p><p>The intervention \"{{intervention_title}}\" at site <strong>{{site_name}}</strong> is assigned to you for {{scheduled_start}}.</p><p><a href=\"{{link}}\">Open the intervention</a></p>"
        ),
        TemplateKey(eventType: NotificationEventType.interventionUrgent, locale: .fr): (
            "Intervention urgente : {{intervention_title}}",
            "Intervention urgente sur le chantier {{site_name}} : {{intervention_title}}.\n{{link}}",
            "<p>Intervention urgente sur le chantier <strong>{{site_name}}</strong> : {{intervention_title}}.</p><p><a href=\"{{link}}\">Voir</a></p>"
        ),
        TemplateKey(eventType: NotificationEventType.interventionUrgent, locale: .en): (
            "Urgent intervention: {{intervention_title}}",
            "Urgent intervention at site {{site_name}}: {{intervention_title}}.\n{{link}}",
            "<p>Urgent intervention at site <strong>{{site_name}}</strong>: {{intervention_title}}.</p><p><a href=\"{{link}}\">Open</a></p>"
        ),
        TemplateKey(eventType: NotificationEventType.reportReady, locale: .fr): (
            "Rapport prêt : {{report_name}}",
            "Le rapport {{report_name}} est prêt.\n{{link}}",
            "<p>Le rapport <strong>{{report_name}}</strong> est prêt.</p><p><a href=\"{{link}}\">Télécharger</a></p>"
        ),
        TemplateKey(eventType: NotificationEventType.reportReady, locale: .en): (
            "Report ready: {{report_name}}",
            "The report {{report_name}} is ready.\n{{link}}",
            "<p>The report <strong>{{report_name}}</strong> is ready.</p><p><a href=\"{{link}}\">Download</a></p>"
        ),
        TemplateKey(eventType: NotificationEventType.geofenceExited, locale: .fr): (
            "Sortie de zone : {{person_name}} a quitté {{site_name}}",
            "{{person_name}} a quitté la zone du chantier {{site_name}} à {{occurred_at}}.",
            "<p>{{person_name}} a quitté la zone du chantier <strong>{{site_name}}</strong> à {{occurred_at}}.</p>"
        ),
        TemplateKey(eventType: NotificationEventType.geofenceExited, locale: .en): (
            "Geofence exit: {{person_name}} left {{site_name}}",
            "{{person_name}} left the area of site {{site_name}} at {{occurred_at}}.",
            "<p>{{person_name}} left the area of site <strong>{{site_name}}</strong> at {{occurred_at}}.</p>"
        ),
        TemplateKey(eventType: NotificationEventType.photoProcessed, locale: .fr): (
            "Photo traitée : {{site_name}}",
            "Votre photo du chantier {{site_name}} est traitée.",
            "<p>Votre photo du chantier <strong>{{site_name}}</strong> est traitée.</p>"
        ),
        TemplateKey(eventType: NotificationEventType.photoProcessed, locale: .en): (
            "Photo processed: {{site_name}}",
            "Your photo of site {{site_name}} is processed.",
            "<p>Your photo of site <strong>{{site_name}}</strong> is processed.</p>"
        ),
        TemplateKey(eventType: NotificationEventType.alertRaised, locale: .fr): (
            "Alerte : {{alert_title}}",
            "Alerte {{alert_rule}} : {{alert_title}}.\n{{alert_detail}}",
            "<p><strong>Alerte</strong> : {{alert_title}}.</p><p>{{alert_detail}}</p>"
        ),
        TemplateKey(eventType: NotificationEventType.alertRaised, locale: .en): (
            "Alert: {{alert_title}}",
            "Alert {{alert_rule}}: {{alert_title}}.\n{{alert_detail}}",
            "<p><strong>Alert</strong>: {{alert_title}}.</p><p>{{alert_detail}}</p>"
        ),
        TemplateKey(eventType: NotificationEventType.message, locale: .fr): (
            "{{title}}", "{{body}}", "<p>{{body}}</p>"
        ),
        TemplateKey(eventType: NotificationEventType.message, locale: .en): (
            "{{title}}", "{{body}}", "<p>{{body}}</p>"
        ),
        // The introduction of a digest; `DigestComposer` appends the items.
        TemplateKey(eventType: NotificationEventType.digest, locale: .fr): (
            "Votre résumé FieldOps360 : {{count}} notification(s)",
            "Bonjour {{recipient_name}}, voici vos {{count}} notification(s) :",
            "<p>Bonjour {{recipient_name}}, voici vos {{count}} notification(s) :</p>"
        ),
        TemplateKey(eventType: NotificationEventType.digest, locale: .en): (
            "Your FieldOps360 digest: {{count}} notification(s)",
            "Hello {{recipient_name}}, here are your {{count}} notification(s):",
            "<p>Hello {{recipient_name}}, here are your {{count}} notification(s):</p>"
        ),
    ]
}
