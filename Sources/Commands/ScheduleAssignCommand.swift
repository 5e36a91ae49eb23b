import Foundation
import Mesh

/// Plan a day for a tenant: `POST /v1/planning/assign` submits it, the scheduler worker solves the
/// day and, in commit mode, writes the assignments. Without a scope the whole day is planned; with a
/// site or a list of interventions only those move, and everything else booked that day stays put.
public struct ScheduleAssignCommand: MeshMessage, Equatable {
    public static let type = "schedule.assign.v1"
    public static let routingKey = "schedule.assign"
    /// More ids than this is a day, not a selection.
    public static let maximumInterventions = 2_000

    public enum Mode: String, Codable, Sendable, CaseIterable {
        /// Solve and return the plan; write nothing.
        case preview
        /// Solve and write the assignments under the day's fencing token.
        case commit
    }

    /// `YYYY-MM-DD`, in the tenant's planning time zone.
    public var day: String
    public var siteID: String?
    public var interventionIDs: [String]?
    public var mode: Mode
    /// The same day, data and seed give the same plan (within the time budget).
    public var seed: UInt64?

    public init(day: String, siteID: String? = nil, interventionIDs: [String]? = nil, mode: Mode, seed: UInt64? = nil) {
        self.day = day
        self.siteID = siteID
        self.interventionIDs = interventionIDs
        self.mode = mode
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case day, siteID = "site_id", interventionIDs = "intervention_ids", mode, seed
    }

    public func validate() throws(MessageValidationError) {
        var checks = FieldChecks()
        checks.day(day, "day")
        if let siteID { checks.uuid(siteID, "site_id") }
        if let interventionIDs {
            if interventionIDs.isEmpty || interventionIDs.count > Self.maximumInterventions {
                checks.fail("intervention_ids", "must list 1 to \(Self.maximumInterventions) interventions")
            } else if interventionIDs.contains(where: { UUID(uuidString: $0) == nil }) {
                checks.fail("intervention_ids", "must be UUIDs")
            }
        }
        if siteID != nil, interventionIDs != nil { checks.fail("site_id", "give a site or a list of interventions, not both") }
        try checks.finish()
    }
}
