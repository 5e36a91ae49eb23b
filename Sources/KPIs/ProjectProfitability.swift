/// One site's budget against its cost to date — computed from figures, no I/O.
public struct ProjectProfitability: Codable, Sendable, Equatable {
    public enum Health: String, Codable, Sendable {
        /// Spending in line with progress.
        case onTrack = "on_track"
        /// More than `tolerance` of the budget spent ahead of the progress made.
        case atRisk = "at_risk"
        case overBudget = "over_budget"
    }

    public var siteID: String
    public var code: String
    public var name: String
    public var status: String
    public var budget: Double
    public var labourCost: Double
    public var materialCost: Double
    public var actualCost: Double
    public var remaining: Double
    /// Cost over budget; nil without a budget.
    public var consumedRatio: Double?
    /// Average progress of the site's phases, 0…1.
    public var progress: Double
    public var health: Health

    /// Spending may run this far ahead of progress before a site is at risk.
    public static let tolerance = 0.10

    public init(siteID: String, code: String, name: String, status: String, budget: Double, labourCost: Double, materialCost: Double, progress: Double) {
        self.siteID = siteID
        self.code = code
        self.name = name
        self.status = status
        self.budget = budget
        self.labourCost = labourCost
        self.materialCost = materialCost
        self.progress = progress
        actualCost = labourCost + materialCost
        remaining = budget - actualCost
        consumedRatio = budget > 0 ? actualCost / budget : nil
        health = if budget > 0, actualCost > budget {
            .overBudget
        } else if let ratio = consumedRatio, ratio > progress + Self.tolerance {
            .atRisk
        } else {
            .onTrack
        }
    }

    /// The consolidated multi-site view.
    public static func consolidate(_ projects: [ProjectProfitability]) -> KPISnapshot.Consolidated {
        let budget = projects.reduce(0) { $0 + $1.budget }
        let actual = projects.reduce(0) { $0 + $1.actualCost }
        return KPISnapshot.Consolidated(
            sites: projects.count, activeSites: projects.count { $0.status == "active" }, budget: budget, actualCost: actual,
            remaining: budget - actual, consumedRatio: budget > 0 ? actual / budget : nil,
            overBudgetSites: projects.count { $0.health == .overBudget }
        )
    }

    enum CodingKeys: String, CodingKey {
        case siteID = "site_id", code, name, status, budget, labourCost = "labour_cost", materialCost = "material_cost"
        case actualCost = "actual_cost", remaining, consumedRatio = "consumed_ratio", progress, health
    }
}
