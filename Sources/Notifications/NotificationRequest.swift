/// Who is to be told what: the input of fan-out, whether it came from `notify.send`, a domain
/// event or a strategic alert.
public struct NotificationRequest: Sendable, Equatable {
    public struct Recipients: Sendable, Equatable {
        public var users: [String]
        /// Also every active user with the manager role or above (alerts, site-wide events).
        public var managers: Bool

        public init(users: [String] = [], managers: Bool = false) {
            self.users = users
            self.managers = managers
        }

        public static func users(_ ids: [String]) -> Recipients { Recipients(users: ids) }
        public static let managers = Recipients(managers: true)
    }

    public var eventType: String
    public var priority: NotificationPriority
    public var recipients: Recipients
    /// Template values; `recipient_name` is added per person.
    public var values: [String: String]

    public init(eventType: String, priority: NotificationPriority, recipients: Recipients, values: [String: String]) {
        self.eventType = eventType
        self.priority = priority
        self.recipients = recipients
        self.values = values
    }
}
