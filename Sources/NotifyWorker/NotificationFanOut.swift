import FieldOpsCore
import Foundation
import Mesh
import NotificationDelivery
import Notifications
import Postgres

/// Turns one notification request into what each person and webhook gets, inside the transaction of
/// the message that asked for it: in-app entries, outbound deliveries (now or after quiet hours),
/// digest items, and one webhook delivery per subscribed endpoint. Nothing leaves the process
/// here; the caller sends after commit (`FanOutResult`).
public struct NotificationFanOut: Sendable {
    private let directory = RecipientDirectory()
    private let templates = TemplateOverrideStore()
    private let inbox = InAppInbox()
    private let outbox = DeliveryOutbox()
    private let digests = DigestQueue()
    private let webhooks = WebhookEndpointStore()

    public init() {}

    /// What to do once the transaction committed.
    public struct FanOutResult: Sendable {
        /// In-app entries to push to live clients, by user id.
        public var inApp: [(user: String, notification: InAppNotification)] = []
        /// Deliveries due now.
        public var dueNow: [UUID] = []
    }

    public func fanOut(
        _ request: NotificationRequest, attachments: [NotificationAttachment] = [], tenant: String, now: Date,
        in transaction: PostgresConnection
    ) async throws -> FanOutResult {
        var result = FanOutResult()
        let catalog = try await templates.catalog(on: transaction)
        for profile in try await directory.profiles(request.recipients, on: transaction) {
            guard let user = UUID(uuidString: profile.userID) else { continue }
            var values = request.values
            values["recipient_name"] = profile.displayName
            let rendered: RenderedNotification
            do {
                rendered = try catalog.render(eventType: request.eventType, locale: profile.locale, values: values)
            } catch {
                throw UnusableTemplate(eventType: request.eventType, error: error)
            }
            for entry in DeliveryPlanner.plan(eventType: request.eventType, priority: request.priority, for: profile, now: now).entries {
                switch (entry.channel, entry.timing) {
                case (.inApp, _):
                    let stored = try await inbox.add(
                        user: user, eventType: request.eventType, priority: request.priority, title: rendered.subject, body: rendered.text,
                        on: transaction
                    )
                    result.inApp.append((profile.userID, stored))
                case (_, .digest(let dueAt)):
                    try await digests.add(user: user, channel: entry.channel, eventType: request.eventType, rendered: rendered, dueAt: dueAt, on: transaction)
                case (.email, let timing):
                    let id = try await outbox.enqueue(
                        .email(.init(
                            to: profile.email ?? "", name: profile.displayName, subject: rendered.subject, text: rendered.text, html: rendered.html,
                            attachments: attachments
                        )),
                        user: user, endpoint: nil, eventType: request.eventType, recipient: profile.email ?? "", notBefore: timing.notBefore, on: transaction
                    )
                    if timing == .now { result.dueNow.append(id) }
                case (.sms, let timing):
                    let id = try await outbox.enqueue(
                        .sms(.init(to: profile.phone ?? "", text: rendered.subject + "\n" + rendered.text)),
                        user: user, endpoint: nil, eventType: request.eventType, recipient: profile.phone ?? "", notBefore: timing.notBefore, on: transaction
                    )
                    if timing == .now { result.dueNow.append(id) }
                }
            }
        }
        result.dueNow += try await enqueueWebhooks(request, tenant: tenant, now: now, in: transaction)
        return result
    }

    /// One delivery per subscribed endpoint; the body names the delivery, so a receiver can
    /// deduplicate retries.
    private func enqueueWebhooks(_ request: NotificationRequest, tenant: String, now: Date, in transaction: PostgresConnection) async throws -> [UUID] {
        var ids: [UUID] = []
        for target in try await webhooks.subscribers(of: request.eventType, on: transaction) {
            let id = UUID.random()
            let body: JSONValue = [
                "id": .string(id.uuidString.lowercased()), "type": .string(request.eventType), "tenant": .string(tenant),
                "priority": .string(request.priority.rawValue), "created_at": .string(now.formatted(.iso8601)),
                "data": .object(request.values.mapValues(JSONValue.string)),
            ]
            try await outbox.enqueue(
                .webhook(.init(body: String(decoding: try Self.encoder.encode(body), as: UTF8.self))), id: id, user: nil, endpoint: target.id,
                eventType: request.eventType, recipient: target.url, notBefore: nil, on: transaction
            )
            ids.append(id)
        }
        return ids
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// A template (a tenant's override or a built-in one) that cannot render: retrying will not help.
struct UnusableTemplate: PermanentFailure, CustomStringConvertible {
    let eventType: String
    let error: TemplateError
    var description: String { "the template of \(eventType) is unusable: \(error)" }
}

extension DeliveryTiming {
    var notBefore: Date? {
        switch self {
        case .now: nil
        case .deferred(let until): until
        case .digest(let at): at
        }
    }
}
