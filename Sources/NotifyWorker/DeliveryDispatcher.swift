import Foundation
import HTTPClient
import Mail
import NotificationDelivery
import Notifications
import Postgres
import Telemetry

/// Sends outbound deliveries of one tenant and records how each went: delivered, retried later on
/// the retry schedule, or abandoned (a permanent failure, or the 24 h window is over). A webhook
/// endpoint's failures are counted and it is disabled past the limit. Also folds due digest items
/// into one mail per person.
public final class DeliveryDispatcher: Sendable {
    private let configuration: NotifyWorkerConfiguration
    private let smtp: SMTPClient
    private let sms: SMSGateway?
    private let webhookSender: WebhookSender
    private let outbox = DeliveryOutbox()
    private let webhooks = WebhookEndpointStore()
    private let digests = DigestQueue()
    private let directory = RecipientDirectory()
    private let templates = TemplateOverrideStore()
    private let logger: Logger
    private let sent: Counter

    public init(configuration: NotifyWorkerConfiguration, httpClient: HTTPClient, logger: Logger, metrics: MetricsRegistry) {
        self.configuration = configuration
        smtp = SMTPClient(configuration: configuration.smtp)
        sms = configuration.sms.map { SMSGateway(configuration: $0, client: httpClient) }
        webhookSender = WebhookSender(client: httpClient)
        self.logger = logger
        sent = metrics.counter(
            "fieldops_notify_deliveries_total", help: "Outbound notification attempts by channel and outcome.", labels: ["channel", "outcome"]
        )
    }

    /// Sends the given deliveries (just committed) or, with nil, every due one, in batches.
    public func dispatch(_ ids: [UUID]? = nil, pool: PostgresPool) async throws {
        while true {
            let claimed = try await outbox.claim(ids: ids, limit: configuration.dispatchBatch, on: pool)
            try await withThrowingTaskGroup(of: Void.self) { group in
                var running = 0
                for delivery in claimed {
                    if running >= configuration.sendConcurrency {
                        try await group.next()
                        running -= 1
                    }
                    group.addTask { try await self.deliver(delivery, pool: pool) }
                    running += 1
                }
                try await group.waitForAll()
            }
            if ids != nil || claimed.count < configuration.dispatchBatch { return }
        }
    }

    /// Moves due digest items into one delivery per person and channel, then sends them.
    public func flushDigests(pool: PostgresPool, now: Date = Date()) async throws {
        let due = try await pool.withTransaction { transaction in
            var ids: [UUID] = []
            let batches = try await digests.takeDue(now: now, in: transaction)
            guard !batches.isEmpty else { return ids }
            let catalog = try await templates.catalog(on: transaction)
            let profiles = try await directory.profiles(.users(Array(Set(batches.map { $0.user.uuidString }))), on: transaction)
            for batch in batches {
                guard let profile = profiles.first(where: { $0.userID == batch.user.uuidString.lowercased() }) else { continue }
                let digest = try DigestComposer.compose(batch.items, recipientName: profile.displayName, locale: profile.locale, catalog: catalog)
                let payload: OutboundPayload = switch batch.channel {
                case .sms: .sms(.init(to: profile.phone ?? "", text: digest.subject))
                case .email, .inApp: .email(.init(to: profile.email ?? "", name: profile.displayName, subject: digest.subject, text: digest.text, html: digest.html))
                }
                ids.append(try await outbox.enqueue(
                    payload, user: batch.user, endpoint: nil, eventType: NotificationEventType.digest,
                    recipient: (batch.channel == .sms ? profile.phone : profile.email) ?? "", notBefore: nil, on: transaction
                ))
            }
            return ids
        }
        if !due.isEmpty { try await dispatch(due, pool: pool) }
    }

    private func deliver(_ delivery: DeliveryOutbox.Claimed, pool: PostgresPool) async throws {
        let outcome = await send(delivery, pool: pool)
        let now = Date()
        let retryAt = outcome.delivered || outcome.permanent
            ? nil : configuration.retrySchedule.nextAttempt(afterAttempt: delivery.attempt, firstAttemptAt: delivery.firstAttemptAt, failedAt: now)
        try await outbox.record(
            delivery, delivered: outcome.delivered, statusCode: outcome.statusCode, error: outcome.error, duration: outcome.duration,
            retryAt: retryAt, on: pool
        )
        if let endpoint = delivery.endpointID {
            if outcome.delivered {
                try await webhooks.recordSuccess(endpoint, on: pool)
            } else if try await webhooks.recordFailure(endpoint, schedule: configuration.retrySchedule, reason: outcome.error ?? "failed", on: pool) {
                logger.warning("webhook endpoint disabled after repeated failures", ["endpoint": endpoint.uuidString])
            }
        }
        let result = outcome.delivered ? "delivered" : (retryAt == nil ? "abandoned" : "retrying")
        sent.increment(labels: [delivery.payload.channel, result])
        if !outcome.delivered {
            logger.warning("delivery failed", [
                "delivery": delivery.id.uuidString, "channel": delivery.payload.channel, "attempt": String(delivery.attempt),
                "error": outcome.error ?? "", "outcome": result,
            ])
        }
    }

    private func send(_ delivery: DeliveryOutbox.Claimed, pool: PostgresPool) async -> SendOutcome {
        let started = ContinuousClock.now
        switch delivery.payload {
        case .email(let email):
            do {
                let message = MailMessage(
                    from: configuration.smtp.from, to: [try MailAddress(email.to, name: email.name)], subject: email.subject, text: email.text,
                    html: email.html.isEmpty ? nil : email.html,
                    attachments: email.attachments.map {
                        MailAttachment(filename: $0.filename, contentType: $0.contentType, content: $0.content ?? [])
                    },
                    headers: [("Auto-Submitted", "auto-generated")]
                )
                try await smtp.send(message)
                return SendOutcome(delivered: true, duration: .now - started)
            } catch {
                return SendOutcome(delivered: false, statusCode: error.replyCode, error: error.description, permanent: error.isPermanent, duration: .now - started)
            }
        case .sms(let message):
            guard let sms else {
                return SendOutcome(delivered: false, error: "no SMS provider is configured", permanent: true, duration: .now - started)
            }
            return await sms.send(message)
        case .webhook(let webhook):
            let target: WebhookEndpointStore.Target?
            do {
                target = try await delivery.endpointID.asyncFlatMap { try await webhooks.target($0, on: pool) }
            } catch {
                return SendOutcome(delivered: false, error: "endpoint lookup failed: \(error)", duration: .now - started)
            }
            guard let target else {
                return SendOutcome(delivered: false, error: "the endpoint is disabled or deleted", permanent: true, duration: .now - started)
            }
            return await webhookSender.send(body: webhook.body, to: target, deliveryID: delivery.id, eventType: delivery.eventType)
        }
    }
}

private extension Optional {
    func asyncFlatMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped?) async rethrows -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
