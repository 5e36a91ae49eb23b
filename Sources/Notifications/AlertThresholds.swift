/// The tunable limits of the alert rules.
public struct AlertThresholds: Sendable, Equatable {
    /// A site's spending above `budget × (1 + budgetOverrunRatio)` is an overrun.
    public var budgetOverrunRatio: Double
    /// Maintenance due within this many days is announced.
    public var maintenanceLeadDays: Int
    /// Certifications expiring within this many days are announced.
    public var certificationLeadDays: Int

    public init(budgetOverrunRatio: Double = 0.10, maintenanceLeadDays: Int = 7, certificationLeadDays: Int = 30) {
        self.budgetOverrunRatio = budgetOverrunRatio
        self.maintenanceLeadDays = maintenanceLeadDays
        self.certificationLeadDays = certificationLeadDays
    }
}
