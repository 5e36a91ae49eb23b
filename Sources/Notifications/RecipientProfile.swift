/// What the planner knows of one person: where to reach them and what they chose.
public struct RecipientProfile: Sendable, Equatable {
    public var userID: String
    public var displayName: String
    public var locale: NotificationLocale
    public var email: String?
    public var phone: String?
    /// An IANA time zone (`Europe/Paris`); quiet hours and digest times are read in it.
    public var timeZone: String
    public var quietHours: QuietHours?
    /// The local hour at which the day's digest goes out.
    public var digestHour: Int
    public var preferences: [ChannelPreference]

    public init(
        userID: String, displayName: String, locale: NotificationLocale = .fallback, email: String? = nil, phone: String? = nil,
        timeZone: String = "Europe/Paris", quietHours: QuietHours? = nil, digestHour: Int = 8, preferences: [ChannelPreference] = []
    ) {
        self.userID = userID
        self.displayName = displayName
        self.locale = locale
        self.email = email
        self.phone = phone
        self.timeZone = timeZone
        self.quietHours = quietHours
        self.digestHour = digestHour
        self.preferences = preferences
    }

    /// The person's choice for this channel and event type, the `*` choice, or nil.
    func chosenMode(channel: NotificationChannel, eventType: String) -> DeliveryMode? {
        preferences.first { $0.channel == channel && $0.eventType == eventType }?.mode
            ?? preferences.first { $0.channel == channel && $0.eventType == ChannelPreference.anyEventType }?.mode
    }
}
