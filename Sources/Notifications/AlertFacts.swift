#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What strategic alerts are computed from: a snapshot of the tenant's state, gathered from its
/// database or carried by an event. Only the kinds present were looked at (`evaluatedRules`), so an
/// alert is cleared only by a snapshot that covers its rule.
public struct AlertFacts: Codable, Sendable, Equatable {
    public struct Intervention: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var siteName: String
        public var slaDueAt: Date
        public var completedAt: Date?
        public init(id: String, title: String, siteName: String, slaDueAt: Date, completedAt: Date? = nil) {
            self.id = id; self.title = title; self.siteName = siteName; self.slaDueAt = slaDueAt; self.completedAt = completedAt
        }
        enum CodingKeys: String, CodingKey { case id, title, siteName = "site_name", slaDueAt = "sla_due_at", completedAt = "completed_at" }
    }

    public struct Budget: Codable, Sendable, Equatable {
        public var siteID: String
        public var siteName: String
        public var budget: Double
        public var spent: Double
        public init(siteID: String, siteName: String, budget: Double, spent: Double) {
            self.siteID = siteID; self.siteName = siteName; self.budget = budget; self.spent = spent
        }
        enum CodingKeys: String, CodingKey { case siteID = "site_id", siteName = "site_name", budget, spent }
    }

    public struct Stock: Codable, Sendable, Equatable {
        public var material: String
        public var location: String
        public var quantity: Double
        public var minimum: Double
        public init(material: String, location: String, quantity: Double, minimum: Double) {
            self.material = material; self.location = location; self.quantity = quantity; self.minimum = minimum
        }
    }

    public struct Maintenance: Codable, Sendable, Equatable {
        public var assetID: String
        public var assetName: String
        public var dueOn: Date
        public init(assetID: String, assetName: String, dueOn: Date) {
            self.assetID = assetID; self.assetName = assetName; self.dueOn = dueOn
        }
        enum CodingKeys: String, CodingKey { case assetID = "asset_id", assetName = "asset_name", dueOn = "due_on" }
    }

    public struct Certification: Codable, Sendable, Equatable {
        public var personID: String
        public var personName: String
        public var name: String
        public var expiresOn: Date
        public init(personID: String, personName: String, name: String, expiresOn: Date) {
            self.personID = personID; self.personName = personName; self.name = name; self.expiresOn = expiresOn
        }
        enum CodingKeys: String, CodingKey { case personID = "person_id", personName = "person_name", name, expiresOn = "expires_on" }
    }

    /// The last movement of a vehicle, with the working hours of its team.
    public struct VehicleMovement: Codable, Sendable, Equatable {
        public var vehicleID: String
        public var plate: String
        public var movedAt: Date
        public var timeZone: String
        /// Minutes after local midnight.
        public var workdayStart: Int
        public var workdayEnd: Int
        /// ISO weekdays worked, 1 = Monday … 7 = Sunday.
        public var workdays: Set<Int>
        public init(vehicleID: String, plate: String, movedAt: Date, timeZone: String, workdayStart: Int, workdayEnd: Int, workdays: Set<Int> = [1, 2, 3, 4, 5]) {
            self.vehicleID = vehicleID; self.plate = plate; self.movedAt = movedAt; self.timeZone = timeZone
            self.workdayStart = workdayStart; self.workdayEnd = workdayEnd; self.workdays = workdays
        }
        enum CodingKeys: String, CodingKey {
            case vehicleID = "vehicle_id", plate, movedAt = "moved_at", timeZone = "time_zone", workdayStart = "workday_start"
            case workdayEnd = "workday_end", workdays
        }
    }

    public var interventions: [Intervention]?
    public var budgets: [Budget]?
    public var stock: [Stock]?
    public var maintenance: [Maintenance]?
    public var certifications: [Certification]?
    public var vehicleMovements: [VehicleMovement]?

    public init(
        interventions: [Intervention]? = nil, budgets: [Budget]? = nil, stock: [Stock]? = nil, maintenance: [Maintenance]? = nil,
        certifications: [Certification]? = nil, vehicleMovements: [VehicleMovement]? = nil
    ) {
        self.interventions = interventions
        self.budgets = budgets
        self.stock = stock
        self.maintenance = maintenance
        self.certifications = certifications
        self.vehicleMovements = vehicleMovements
    }

    enum CodingKeys: String, CodingKey {
        case interventions, budgets, stock, maintenance, certifications, vehicleMovements = "vehicle_movements"
    }

    /// The rules this snapshot has facts for.
    public var evaluatedRules: Set<AlertRule> {
        var rules: Set<AlertRule> = []
        if interventions != nil { rules.insert(.interventionLate) }
        if budgets != nil { rules.insert(.budgetOverrun) }
        if stock != nil { rules.insert(.lowStock) }
        if maintenance != nil { rules.insert(.maintenanceDue) }
        if certifications != nil { rules.insert(.certificationExpiring) }
        if vehicleMovements != nil { rules.insert(.vehicleOutsideWorkingHours) }
        return rules
    }
}
