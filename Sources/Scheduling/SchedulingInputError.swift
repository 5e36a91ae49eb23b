/// A problem the solver refuses: the input itself is wrong, so no plan could mean anything.
public enum SchedulingInputError: Error, Hashable, Sendable, CustomStringConvertible {
    case duplicateTechnician(String)
    case duplicateIntervention(String)
    case invalidShift(technicianID: String)
    case invalidAbsence(technicianID: String)
    case invalidDuration(interventionID: String)
    case invalidWindow(interventionID: String)
    case invalidLocation(id: String)
    case invalidTravelModel
    case invalidWeights
    case unknownPinnedIntervention(String)
    case unknownPinnedTechnician(String)
    case duplicatePin(interventionID: String)
    /// The work pinned on this technician cannot be done in one day as pinned (overlap, travel, shift).
    case infeasiblePinnedWork(technicianID: String)

    public var description: String {
        switch self {
        case let .duplicateTechnician(id): "technician \(id) appears twice"
        case let .duplicateIntervention(id): "intervention \(id) appears twice"
        case let .invalidShift(id): "technician \(id) has a shift that ends before it starts"
        case let .invalidAbsence(id): "technician \(id) has an absence that ends before it starts"
        case let .invalidDuration(id): "intervention \(id) has a duration that is not positive"
        case let .invalidWindow(id): "intervention \(id) has a window that ends before it starts"
        case let .invalidLocation(id): "\(id) has a location outside latitude ±90 / longitude ±180"
        case .invalidTravelModel: "the travel model needs a positive speed and a detour factor of at least 1"
        case .invalidWeights: "objective weights must not be negative"
        case let .unknownPinnedIntervention(id): "a pin names intervention \(id), which is not in the problem"
        case let .unknownPinnedTechnician(id): "a pin names technician \(id), who is not in the problem"
        case let .duplicatePin(id): "intervention \(id) is pinned twice"
        case let .infeasiblePinnedWork(id): "the work pinned on technician \(id) does not fit in their day as pinned"
        }
    }
}
