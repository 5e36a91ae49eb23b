/// The event types that notify people, as they appear in preferences, templates and webhook
/// subscriptions. Domain events keep their routing key (`intervention.assigned`).
public enum NotificationEventType {
    public static let interventionAssigned = "intervention.assigned"
    public static let interventionUrgent = "intervention.urgent"
    public static let reportReady = "report.ready"
    public static let geofenceExited = "geofence.exited"
    public static let photoProcessed = "photo.processed"
    /// A strategic alert raised for managers (`AlertCondition`).
    public static let alertRaised = "alert.raised"
    /// A free-form message sent with `notify.send` (`title` and `body` values).
    public static let message = "message"
    /// The batch of low-priority items sent once per period.
    public static let digest = "digest"

    /// Every type a tenant may subscribe to or override.
    public static let all: [String] = [
        interventionAssigned, interventionUrgent, reportReady, geofenceExited, photoProcessed, alertRaised, message, digest,
    ]
}
