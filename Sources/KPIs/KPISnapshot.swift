/// The KPI API's answer for a period, all sites or one (`GET /v1/kpis`).
public struct KPISnapshot: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public var siteID: String?
    public var productivity: Productivity
    public var delays: Delays
    public var costs: Costs
    /// Budget against cost to date, per site.
    public var projects: [ProjectProfitability]
    /// All sites together.
    public var consolidated: Consolidated

    public struct Productivity: Codable, Sendable, Equatable {
        public var interventionsDone: Int
        public var technicianDays: Int
        public var interventionsPerTechnicianDay: Double?
        public var plannedMinutes: Int
        public var actualMinutes: Double
        /// Actual over planned duration of the interventions done (1.2 = 20 % longer than planned).
        public var durationRatio: Double?
        public var hoursWorked: Double

        enum CodingKeys: String, CodingKey {
            case interventionsDone = "interventions_done", technicianDays = "technician_days"
            case interventionsPerTechnicianDay = "interventions_per_technician_day", plannedMinutes = "planned_minutes"
            case actualMinutes = "actual_minutes", durationRatio = "duration_ratio", hoursWorked = "hours_worked"
        }
    }

    public struct Delays: Codable, Sendable, Equatable {
        /// Interventions whose SLA (or window end) fell in the period.
        public var interventionsDue: Int
        /// Finished after it, or not finished and already past it.
        public var interventionsLate: Int
        public var lateRate: Double?
        public var milestonesDue: Int
        public var milestonesLate: Int

        enum CodingKeys: String, CodingKey {
            case interventionsDue = "interventions_due", interventionsLate = "interventions_late", lateRate = "late_rate"
            case milestonesDue = "milestones_due", milestonesLate = "milestones_late"
        }
    }

    public struct Costs: Codable, Sendable, Equatable {
        public var labour: Double
        public var materials: Double
        /// Vehicle maintenance in the period (all sites only: vehicles are not tied to a site).
        public var vehicles: Double
        public var total: Double
    }

    public struct Consolidated: Codable, Sendable, Equatable {
        public var sites: Int
        public var activeSites: Int
        public var budget: Double
        public var actualCost: Double
        public var remaining: Double
        public var consumedRatio: Double?
        public var overBudgetSites: Int

        enum CodingKeys: String, CodingKey {
            case sites, activeSites = "active_sites", budget, actualCost = "actual_cost", remaining
            case consumedRatio = "consumed_ratio", overBudgetSites = "over_budget_sites"
        }
    }

    enum CodingKeys: String, CodingKey {
        case from, to, siteID = "site_id", productivity, delays, costs, projects, consolidated
    }
}
