import Mesh
import Notifications

/// Evaluate the strategic alert rules for a tenant over a snapshot of facts: sent periodically by
/// the scheduler and by components that learn a fact (a vehicle moved, stock changed). Only the
/// rules whose facts are present are evaluated — and may clear — except late interventions, which
/// the notify worker reads from the tenant database when the snapshot carries none.
public struct NotifyAlertsEvaluateCommand: MeshMessage, Equatable {
    public static let type = "notify.alerts.evaluate.v1"
    public static let routingKey = "notify.alerts.evaluate"

    public var facts: AlertFacts

    public init(facts: AlertFacts) {
        self.facts = facts
    }
}
