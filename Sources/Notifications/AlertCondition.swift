/// The strategic alerts managers receive.
public enum AlertRule: String, Codable, Sendable, CaseIterable {
    case interventionLate = "intervention_late"
    case budgetOverrun = "budget_overrun"
    case lowStock = "low_stock"
    case maintenanceDue = "maintenance_due"
    case certificationExpiring = "certification_expiring"
    case vehicleOutsideWorkingHours = "vehicle_outside_working_hours"
}

/// One condition that holds now, about one subject (an intervention, a site, a vehicle…).
/// Its `key` identifies it across evaluations: one alert per key until the condition clears.
public struct AlertCondition: Sendable, Equatable {
    public let rule: AlertRule
    public let subjectID: String
    public let priority: NotificationPriority
    /// Template values (`alert_title`, `alert_detail`, and the rule's own).
    public let values: [String: String]

    public var key: String { "\(rule.rawValue):\(subjectID)" }
}
