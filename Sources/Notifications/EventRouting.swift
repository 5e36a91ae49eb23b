import FieldOpsCore

/// Which domain events notify whom, at what priority. The event's top-level scalar fields become
/// template values; the recipient comes from a named field or is the tenant's managers.
public enum EventRouting {
    struct Route {
        let priority: NotificationPriority
        /// The field holding the user id to notify; nil notifies the managers.
        let recipientField: String?
    }

    static let routes: [String: Route] = [
        NotificationEventType.interventionAssigned: Route(priority: .normal, recipientField: "technician_user_id"),
        NotificationEventType.interventionUrgent: Route(priority: .high, recipientField: nil),
        NotificationEventType.reportReady: Route(priority: .normal, recipientField: "requested_by"),
        NotificationEventType.geofenceExited: Route(priority: .normal, recipientField: nil),
        NotificationEventType.photoProcessed: Route(priority: .low, recipientField: "user_id"),
    ]

    /// The routing keys the notify queue is bound to on `fieldops.events`.
    public static var eventTypes: [String] { routes.keys.sorted() }

    /// nil when the event notifies nobody (not routed, or its recipient field is missing).
    public static func request(eventType: String, fields: [String: JSONValue]) -> NotificationRequest? {
        guard let route = routes[eventType] else { return nil }
        var values: [String: String] = [:]
        for (name, value) in fields {
            switch value {
            case .string(let text): values[name] = text
            case .int(let number): values[name] = String(number)
            case .double(let number): values[name] = String(number)
            case .bool(let flag): values[name] = String(flag)
            case .null, .array, .object: continue
            }
        }
        let recipients: NotificationRequest.Recipients
        if let field = route.recipientField {
            guard let user = values[field], !user.isEmpty else { return nil }
            recipients = .users([user])
        } else {
            recipients = .managers
        }
        return NotificationRequest(eventType: eventType, priority: route.priority, recipients: recipients, values: values)
    }
}
