#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Mesh
import Notifications

/// Notify people: `event_type` picks the template (`message` for free text with `title` and `body`
/// values), `values` fill it, and the recipients' preferences pick the channels. Published by any
/// component on `notify.send`; the notify worker delivers it.
public struct NotifySendCommand: MeshMessage, Equatable {
    public static let type = "notify.send.v1"
    public static let routingKey = "notify.send"
    /// Attachments travel inside the command: keep them small (a report PDF, not a photo album).
    public static let maxAttachmentBytes = 5 * 1024 * 1024

    public var eventType: String
    public var priority: NotificationPriority
    /// Users to notify, by id.
    public var userIDs: [String]
    /// Also notify the tenant's managers.
    public var managers: Bool
    public var values: [String: String]
    /// Sent with the e-mails (not through other channels).
    public var attachments: [NotificationAttachment]

    public init(
        eventType: String, priority: NotificationPriority = .normal, userIDs: [String] = [], managers: Bool = false,
        values: [String: String] = [:], attachments: [NotificationAttachment] = []
    ) {
        self.eventType = eventType
        self.priority = priority
        self.userIDs = userIDs
        self.managers = managers
        self.values = values
        self.attachments = attachments
    }

    enum CodingKeys: String, CodingKey {
        case eventType = "event_type", priority, userIDs = "user_ids", managers, values, attachments
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        eventType = try container.decode(String.self, forKey: .eventType)
        priority = try container.decodeIfPresent(NotificationPriority.self, forKey: .priority) ?? .normal
        userIDs = try container.decodeIfPresent([String].self, forKey: .userIDs) ?? []
        managers = try container.decodeIfPresent(Bool.self, forKey: .managers) ?? false
        values = try container.decodeIfPresent([String: String].self, forKey: .values) ?? [:]
        attachments = try container.decodeIfPresent([NotificationAttachment].self, forKey: .attachments) ?? []
    }

    public func validate() throws(MessageValidationError) {
        var problems: [String: String] = [:]
        if !NotificationEventType.all.contains(eventType) || eventType == NotificationEventType.digest {
            problems["event_type"] = "is not a notification event type"
        }
        if userIDs.isEmpty && !managers { problems["user_ids"] = "name at least one user, or set managers" }
        if userIDs.count > 1000 { problems["user_ids"] = "at most 1000 users per command" }
        if let bad = userIDs.firstIndex(where: { UUID(uuidString: $0) == nil }) { problems["user_ids.\(bad)"] = "is not a UUID" }
        if values.count > 64 || values.values.contains(where: { $0.utf8.count > 10_000 }) {
            problems["values"] = "at most 64 values of at most 10000 bytes"
        }
        var total = 0
        for (index, attachment) in attachments.enumerated() {
            guard let bytes = attachment.content else {
                problems["attachments.\(index).content_base64"] = "is not base64"
                continue
            }
            total += bytes.count
            if attachment.filename.isEmpty || attachment.filename.count > 200 { problems["attachments.\(index).filename"] = "must have 1 to 200 characters" }
        }
        if total > Self.maxAttachmentBytes { problems["attachments"] = "at most \(Self.maxAttachmentBytes) bytes in all" }
        guard problems.isEmpty else { throw MessageValidationError(problems) }
    }
}
