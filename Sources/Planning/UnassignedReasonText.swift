import Scheduling

extension UnassignedReason {
    /// The reason in words, for dispatchers and for `intervention.unassigned` events.
    public var sentence: String {
        switch self {
        case .noQualifiedTechnician(let unmet) where unmet.isEmpty:
            "no single technician holds every required skill"
        case .noQualifiedTechnician(let unmet):
            "no technician holds " + unmet.map { "\($0.skill) (level \($0.minimumLevel))" }.joined(separator: ", ")
        case .outsideAvailability(let qualified):
            "none of the \(qualified) qualified technicians is on shift and free for its whole duration inside its window"
        case .travelInfeasible(let minutes):
            "no available qualified technician can get there and back within the window and the shift (\(minutes) min of travel at least)"
        case .noRoomInPlan(let candidates):
            "the days of the \(candidates.count) technicians who could do it are full of work that counts more"
        }
    }
}
