/// The languages notifications are written in; French is the default (the users' `locale` column).
public enum NotificationLocale: String, Codable, Sendable, CaseIterable {
    case fr, en

    public static let fallback = NotificationLocale.fr

    public init(tag: String?) {
        self = tag.flatMap { NotificationLocale(rawValue: String($0.prefix(2)).lowercased()) } ?? .fallback
    }
}
