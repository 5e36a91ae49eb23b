import Scheduling

/// A planned day as a job's result: each visit with its explanation, each intervention left out
/// with its reason, the technicians left alone, the cost, and what the commit changed.
public struct DayPlanReport: Encodable, Sendable {
    public enum Outcome: String, Encodable, Sendable {
        /// Solved, nothing written.
        case preview
        /// Written under the day's fencing token.
        case committed
        /// Rejected by the fence: a newer plan of the day was committed meanwhile.
        case superseded
        /// This message's plan was committed before (a redelivery); nothing written again.
        case duplicate
    }

    public struct Visit: Encodable, Sendable, Hashable {
        public let interventionID: String
        public let technicianID: String
        /// ISO 8601 instants.
        public let start: String
        public let end: String
        public let pinned: Bool
        public let explanation: Explanation

        enum CodingKeys: String, CodingKey {
            case interventionID = "intervention_id", technicianID = "technician_id", start, end, pinned, explanation
        }
    }

    public struct Unplaced: Encodable, Sendable, Hashable {
        public let interventionID: String
        public let reason: UnassignedReason
        public let explanation: String

        enum CodingKeys: String, CodingKey {
            case interventionID = "intervention_id", reason, explanation
        }
    }

    public let day: String
    public var outcome: Outcome
    public var fencingToken: Int?
    public let assignments: [Visit]
    public let unassigned: [Unplaced]
    public let excludedTechnicians: [ExcludedTechnician]
    public let cost: ObjectiveBreakdown
    public var changes: [AssignmentChange]
    public let seed: UInt64
    public let iterations: Int

    enum CodingKeys: String, CodingKey {
        case day, outcome, fencingToken = "fencing_token", assignments, unassigned, excludedTechnicians = "excluded_technicians"
        case cost, changes, seed, iterations
    }

    init(_ solved: SolvedDay, outcome: Outcome) {
        let day = solved.dayProblem.day
        self.day = day.date
        self.outcome = outcome
        fencingToken = nil
        assignments = solved.plan.assignments.map {
            Visit(
                interventionID: $0.interventionID, technicianID: $0.technicianID, start: day.timestamp($0.start), end: day.timestamp($0.end),
                pinned: $0.pinned, explanation: $0.explanation
            )
        }
        unassigned = solved.plan.unassigned.map { Unplaced(interventionID: $0.interventionID, reason: $0.reason, explanation: $0.reason.sentence) }
        excludedTechnicians = solved.dayProblem.excludedTechnicians
        cost = solved.plan.cost
        changes = []
        seed = solved.plan.seed
        iterations = solved.plan.iterations
    }
}
