import Commands
import Foundation
import Mesh
import NotificationDelivery
import Notifications
import Postgres
import Redis
import Telemetry
import Tenancy

/// Handles the notify queue. The effect — in-app entries, outbound deliveries, digest items,
/// alert states — is written through the `Inbox` in one transaction, so a redelivered message
/// writes and sends nothing twice. After commit, live clients are told and due deliveries are sent
/// (`CommittedNotifications`).
public struct NotifyHandler: MessageHandler {
    public struct Output: Encodable, Sendable {
        public let inApp: Int
        public let deliveries: Int

        enum CodingKeys: String, CodingKey { case inApp = "in_app", deliveries }
    }

    private let tenants: TenantDatabases
    private let committed: CommittedNotifications
    private let fanOut = NotificationFanOut()
    private let alerts: AlertEvaluator

    public init(tenants: TenantDatabases, redis: RedisPool, dispatcher: DeliveryDispatcher, alertThresholds: AlertThresholds) {
        self.tenants = tenants
        committed = CommittedNotifications(redis: redis, dispatcher: dispatcher)
        alerts = AlertEvaluator(thresholds: alertThresholds)
    }

    public func handle(_ message: NotifyMessage, context: MessageContext) async throws -> Output {
        // A tenant that no longer exists parks the message at once (`TenancyError` is `RetryAdvice`).
        let pool = try await tenants.pool(for: context.tenant)
        let now = Date()
        let outcome = try await Inbox.process(messageID: context.messageID, queue: context.queue, pool: pool) { transaction in
            switch message {
            case .send(let command):
                let request = NotificationRequest(
                    eventType: command.eventType, priority: command.priority,
                    recipients: NotificationRequest.Recipients(users: command.userIDs, managers: command.managers), values: command.values
                )
                return try await fanOut.fanOut(
                    request, attachments: command.attachments, tenant: context.tenant, now: now, in: transaction
                )
            case .evaluateAlerts(let command):
                return try await alerts.evaluate(command.facts, tenant: context.tenant, now: now, in: transaction)
            case .event(let type, let fields):
                guard let request = EventRouting.request(eventType: type, fields: fields) else { return NotificationFanOut.FanOutResult() }
                return try await fanOut.fanOut(request, tenant: context.tenant, now: now, in: transaction)
            }
        }
        guard case .processed(let result) = outcome else {
            context.logger.info("duplicate message; nothing sent again")
            return Output(inApp: 0, deliveries: 0)
        }
        await committed.deliver(result, tenant: context.tenant, pool: pool, logger: context.logger)
        return Output(inApp: result.inApp.count, deliveries: result.dueNow.count)
    }
}
