import Foundation
import Geo
import Scheduling

/// A technician as stored, narrowed to one day: shifts and absences in minutes of that day.
struct TechnicianRecord: Sendable, Hashable {
    var id: UUID
    /// Nil when no home base is recorded: such a technician cannot be routed.
    var home: GeoPoint?
    var shifts: [MinuteInterval]
    var absences: [MinuteInterval]
    var skills: [SkillCertification]
}

/// An intervention as stored, with its times in minutes of the planning day.
struct InterventionRecord: Sendable, Hashable {
    var id: UUID
    var siteID: UUID
    var workType: String
    var siteType: String
    var requiredSkills: [String]
    var estimatedMinutes: Int
    var windowStart: Int?
    var windowEnd: Int?
    var priority: String
    var deadline: Int?
    var location: GeoPoint
    var status: String
    var technicianID: UUID?
    var scheduled: MinuteInterval?
    var pinned: Bool
    var version: Int

    /// On a technician's day at a time.
    var isBooked: Bool {
        (status == "assigned" || status == "in_progress") && technicianID != nil && scheduled != nil
    }
}

/// Everything stored that a day's problem is built from.
struct PlanningDayRecords: Sendable {
    var day: PlanningDay
    var travel: TravelModel
    var technicians: [TechnicianRecord]
    var interventions: [InterventionRecord]
    var durationModel: DurationModel?
}
