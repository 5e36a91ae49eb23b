import Foundation
import NotificationDelivery
import Notifications
import Postgres

/// Runs the strategic alert rules over a snapshot and notifies the managers of each condition that
/// newly holds — once, until it clears (`AlertTransitions`, `alert_states`).
struct AlertEvaluator: Sendable {
    let thresholds: AlertThresholds
    private let states = AlertStateStore()
    private let reader = TenantFactsReader()
    private let fanOut = NotificationFanOut()

    init(thresholds: AlertThresholds) {
        self.thresholds = thresholds
    }

    func evaluate(
        _ snapshot: AlertFacts, tenant: String, now: Date, in transaction: PostgresConnection
    ) async throws -> NotificationFanOut.FanOutResult {
        let facts = try await reader.complete(snapshot, now: now, on: transaction)
        let holding = AlertRules.conditions(in: facts, now: now, thresholds: thresholds)
        let transitions = AlertTransitions(
            open: try await states.openKeys(on: transaction), holding: holding, evaluatedRules: facts.evaluatedRules
        )
        try await states.clear(transitions.cleared, on: transaction)
        try await states.touch(holding.map(\.key), on: transaction)
        var result = NotificationFanOut.FanOutResult()
        for condition in transitions.raised where try await states.open(condition, on: transaction) {
            let raised = try await fanOut.fanOut(
                NotificationRequest(eventType: NotificationEventType.alertRaised, priority: condition.priority, recipients: .managers, values: condition.values),
                tenant: tenant, now: now, in: transaction
            )
            result.inApp += raised.inApp
            result.dueNow += raised.dueNow
        }
        return result
    }
}
