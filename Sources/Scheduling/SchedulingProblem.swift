/// One planning problem: a day of technicians, the interventions to place, how travel is timed,
/// what the plan costs, and what must not move.
public struct SchedulingProblem: Hashable, Sendable, Codable {
    /// Days since 1970-01-01; certifications are checked against it. Minutes count from its midnight.
    public var day: Int
    public var technicians: [Technician]
    public var interventions: [Intervention]
    public var travel: TravelModel
    public var weights: ObjectiveWeights
    public var pinned: [PinnedAssignment]

    public init(
        day: Int, technicians: [Technician], interventions: [Intervention], travel: TravelModel,
        weights: ObjectiveWeights = ObjectiveWeights(), pinned: [PinnedAssignment] = []
    ) {
        self.day = day
        self.technicians = technicians
        self.interventions = interventions
        self.travel = travel
        self.weights = weights
        self.pinned = pinned
    }

    /// Total load ÷ technicians: the workload above which the imbalance term charges.
    public var fairShareMinutes: Int {
        guard !technicians.isEmpty else { return 0 }
        let load = technicians.reduce(0) { $0 + $1.currentLoadMinutes } + interventions.reduce(0) { $0 + $1.durationMinutes }
        return load / technicians.count
    }
}
