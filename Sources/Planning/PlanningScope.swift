import Foundation

/// Which of a day's interventions a plan may move. Everything else booked that day stays where it
/// is and only constrains the plan; pinned and in-progress work never moves whatever the scope.
public enum PlanningScope: Sendable, Hashable {
    /// Every booked or waiting intervention of the day.
    case day
    /// The interventions of one site.
    case site(UUID)
    /// Exactly these interventions.
    case interventions(Set<UUID>)
    /// One technician's booked work and the work nobody has yet: what an absence disturbs.
    case technician(UUID)

    func includes(_ record: InterventionRecord) -> Bool {
        switch self {
        case .day: true
        case .site(let site): record.siteID == site
        case .interventions(let ids): ids.contains(record.id)
        case .technician(let technician): record.technicianID == nil || record.technicianID == technician
        }
    }
}
