import Notifications

/// What a user edits through `GET/PUT /v1/notifications/preferences`.
public struct NotificationSettings: Codable, Sendable, Equatable {
    public struct QuietWindow: Codable, Sendable, Equatable {
        /// `HH:MM`, local time.
        public var start: String
        public var end: String

        public init(start: String, end: String) {
            self.start = start
            self.end = end
        }
    }

    public var timeZone: String
    public var quietHours: QuietWindow?
    public var digestHour: Int
    public var phone: String?
    public var preferences: [ChannelPreference]

    public init(timeZone: String = "Europe/Paris", quietHours: QuietWindow? = nil, digestHour: Int = 8, phone: String? = nil, preferences: [ChannelPreference] = []) {
        self.timeZone = timeZone
        self.quietHours = quietHours
        self.digestHour = digestHour
        self.phone = phone
        self.preferences = preferences
    }

    enum CodingKeys: String, CodingKey {
        case timeZone = "time_zone", quietHours = "quiet_hours", digestHour = "digest_hour", phone, preferences
    }

    /// Field-level problems, empty when the settings can be stored.
    public func problems(isKnownTimeZone: (String) -> Bool) -> [String: String] {
        var problems: [String: String] = [:]
        if !isKnownTimeZone(timeZone) { problems["time_zone"] = "is not a known IANA time zone" }
        if let quietHours {
            let start = QuietHours.minutes(quietHours.start), end = QuietHours.minutes(quietHours.end)
            if start == nil { problems["quiet_hours.start"] = "must be HH:MM" }
            if end == nil { problems["quiet_hours.end"] = "must be HH:MM" }
            if let start, let end, start == end { problems["quiet_hours"] = "start and end must differ" }
        }
        if !(0...23).contains(digestHour) { problems["digest_hour"] = "must be between 0 and 23" }
        if let phone, !(phone.hasPrefix("+") && phone.count >= 8 && phone.count <= 16 && phone.dropFirst().allSatisfy(\.isNumber)) {
            problems["phone"] = "must be in E.164 form (+33612345678)"
        }
        for (index, preference) in preferences.enumerated()
        where preference.eventType != ChannelPreference.anyEventType && !NotificationEventType.all.contains(preference.eventType) {
            problems["preferences.\(index).event_type"] = "is not a notification event type"
        }
        if Set(preferences.map { "\($0.channel.rawValue) \($0.eventType)" }).count != preferences.count {
            problems["preferences"] = "has the same channel and event type twice"
        }
        return problems
    }
}
