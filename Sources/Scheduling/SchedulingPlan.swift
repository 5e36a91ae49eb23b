/// The solver's answer: who does what when, why, what stays unassigned and why, and what it costs.
public struct SchedulingPlan: Hashable, Sendable, Codable {
    /// By technician (in the problem's order), then by start.
    public var assignments: [Assignment]
    public var unassigned: [UnassignedIntervention]
    public var cost: ObjectiveBreakdown
    public var seed: UInt64
    /// Ruin-and-recreate iterations run after the first local optimum.
    public var iterations: Int

    public func route(of technicianID: String) -> [Assignment] {
        assignments.filter { $0.technicianID == technicianID }
    }
}

public struct Assignment: Hashable, Sendable, Codable {
    public var interventionID: String
    public var technicianID: String
    public var start: Int
    public var end: Int
    public var pinned: Bool
    public var explanation: Explanation
}

/// Why this technician, at this time, is a sound choice — the lines a dispatcher reads.
public struct Explanation: Hashable, Sendable, Codable {
    public var skillsMatched: [MatchedSkill]
    /// The intervention just before on the same route; nil when the technician comes from their start point.
    public var previousInterventionID: String?
    public var travelMinutes: Int
    public var arrival: Int
    public var waitMinutes: Int
    public var lateMinutes: Int
    public var window: MinuteInterval
    public var deadline: Int?
    /// The technician's whole day: current load + interventions + travel, next to the fair share.
    public var technicianLoadMinutes: Int
    public var fairShareMinutes: Int
}

public struct UnassignedIntervention: Hashable, Sendable, Codable {
    public var interventionID: String
    public var reason: UnassignedReason
}

/// Each term of the objective (see `ObjectiveWeights`), in minutes and in cost units.
public struct ObjectiveBreakdown: Hashable, Sendable, Codable {
    public var travelMinutes = 0
    public var lateMinutes = 0
    public var overloadMinutes = 0
    public var unassignedCount = 0
    public var travelCost = 0
    public var latenessCost = 0
    public var imbalanceCost = 0
    public var unassignedCost = 0

    public var total: Int { travelCost + latenessCost + imbalanceCost + unassignedCost }
}
