import Foundation
import Notifications

/// What a delivery row carries, per channel, so it can be sent (again) without recomputing.
public enum OutboundPayload: Codable, Sendable, Equatable {
    public struct Email: Codable, Sendable, Equatable {
        public var to: String
        public var name: String
        public var subject: String
        public var text: String
        public var html: String
        public var attachments: [NotificationAttachment]

        public init(to: String, name: String, subject: String, text: String, html: String, attachments: [NotificationAttachment] = []) {
            self.to = to
            self.name = name
            self.subject = subject
            self.text = text
            self.html = html
            self.attachments = attachments
        }
    }

    public struct SMS: Codable, Sendable, Equatable {
        public var to: String
        public var text: String

        public init(to: String, text: String) {
            self.to = to
            self.text = text
        }
    }

    public struct Webhook: Codable, Sendable, Equatable {
        /// The exact JSON body that is signed and sent.
        public var body: String

        public init(body: String) {
            self.body = body
        }
    }

    case email(Email)
    case sms(SMS)
    case webhook(Webhook)

    public var channel: String {
        switch self {
        case .email: "email"
        case .sms: "sms"
        case .webhook: "webhook"
        }
    }
}
