/// Where a notification reaches a person. Webhooks are not a person's channel: they are a tenant's
/// subscriptions (`WebhookEndpoint`), fed from the same events.
public enum NotificationChannel: String, Codable, Sendable, CaseIterable {
    case inApp = "in_app"
    case email
    case sms
}
