/// How urgent a notification is. Low ones wait for the digest; critical ones ignore digests and
/// quiet hours.
public enum NotificationPriority: String, Codable, Sendable, CaseIterable, Comparable {
    case low, normal, high, critical

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: NotificationPriority, rhs: NotificationPriority) -> Bool { lhs.rank < rhs.rank }
}
