/// The problem in the solver's own terms: validated, indexed, with the travel matrix and the
/// eligibility of every (intervention, technician) pair computed once. Node numbering of the travel
/// matrix: interventions `0..<n`, technician t's start `n + t`, its end `n + T + t`.
struct PreparedProblem: Sendable {
    let problem: SchedulingProblem
    let interventionCount: Int
    let technicianCount: Int
    let nodeCount: Int
    let travel: [Int]
    let duration: [Int]
    let earliestStart: [Int]
    let latestStart: [Int]
    /// Start minute after which lateness is charged (deadline − duration), `Int.max` without a deadline.
    let lateAfterStart: [Int]
    let latenessWeight: [Int]
    let unassignedPenalty: [Int]
    /// `eligible[i * T + t]`: the technician holds the skills (a pinned intervention: only its pin).
    let eligible: [Bool]
    let pinnedTechnician: [Int?]
    let pinnedStart: [Int?]
    let shift: [MinuteInterval]
    let absences: [[MinuteInterval]]
    let currentLoad: [Int]
    let fairShare: Int
    let weights: ObjectiveWeights
    /// For each intervention, the others closest by travel time, nearest first.
    let neighbours: [[Int]]

    init(_ problem: SchedulingProblem, neighbourCount: Int) throws(SchedulingInputError) {
        try Self.validate(problem)
        self.problem = problem
        let n = problem.interventions.count
        let technicians = problem.technicians.count
        interventionCount = n
        technicianCount = technicians
        nodeCount = n + 2 * technicians
        let locations = problem.interventions.map(\.location) + problem.technicians.map(\.start) + problem.technicians.map(\.end)
        var travel = [Int](repeating: 0, count: nodeCount * nodeCount)
        for from in 0..<nodeCount {
            for to in 0..<nodeCount where to != from {
                travel[from * nodeCount + to] = problem.travel.minutes(from: locations[from], to: locations[to])
            }
        }
        self.travel = travel
        duration = problem.interventions.map(\.durationMinutes)
        earliestStart = problem.interventions.map(\.window.start)
        latestStart = problem.interventions.map { $0.window.end - $0.durationMinutes }
        lateAfterStart = problem.interventions.map { intervention in
            intervention.deadline.map { $0 - intervention.durationMinutes } ?? Int.max
        }
        latenessWeight = problem.interventions.map { problem.weights.latenessPerMinute * $0.priority.weight }
        unassignedPenalty = problem.interventions.map { problem.weights.unassignedPenalty * $0.priority.weight }
        shift = problem.technicians.map(\.shift)
        absences = problem.technicians.map { $0.absences.sorted { $0.start < $1.start } }
        currentLoad = problem.technicians.map(\.currentLoadMinutes)
        fairShare = problem.fairShareMinutes
        weights = problem.weights

        let interventionIndex = Dictionary(uniqueKeysWithValues: problem.interventions.enumerated().map { ($1.id, $0) })
        let technicianIndex = Dictionary(uniqueKeysWithValues: problem.technicians.enumerated().map { ($1.id, $0) })
        var pinnedTechnician = [Int?](repeating: nil, count: n)
        var pinnedStart = [Int?](repeating: nil, count: n)
        for pin in problem.pinned {
            guard let intervention = interventionIndex[pin.interventionID] else { throw .unknownPinnedIntervention(pin.interventionID) }
            guard let technician = technicianIndex[pin.technicianID] else { throw .unknownPinnedTechnician(pin.technicianID) }
            guard pinnedTechnician[intervention] == nil else { throw .duplicatePin(interventionID: pin.interventionID) }
            pinnedTechnician[intervention] = technician
            pinnedStart[intervention] = pin.start
        }
        self.pinnedTechnician = pinnedTechnician
        self.pinnedStart = pinnedStart

        var eligible = [Bool](repeating: false, count: n * technicians)
        for (i, intervention) in problem.interventions.enumerated() {
            for (t, technician) in problem.technicians.enumerated() {
                eligible[i * technicians + t] = pinnedTechnician[i].map { $0 == t }
                    ?? SkillMatch(technician: technician, requirements: intervention.requiredSkills, day: problem.day).isQualified
            }
        }
        self.eligible = eligible

        let count = min(neighbourCount, max(n - 1, 0))
        let nodes = nodeCount
        neighbours = (0..<n).map { i in
            guard count > 0 else { return [] }
            let row = i * nodes
            return Array((0..<n).filter { $0 != i }.sorted { (travel[row + $0], $0) < (travel[row + $1], $1) }.prefix(count))
        }
    }

    func isEligible(_ intervention: Int, _ technician: Int) -> Bool {
        eligible[intervention * technicianCount + technician]
    }

    func travelMinutes(_ from: Int, _ to: Int) -> Int {
        travel[from * nodeCount + to]
    }

    func startNode(_ technician: Int) -> Int { interventionCount + technician }
    func endNode(_ technician: Int) -> Int { interventionCount + technicianCount + technician }

    private static func validate(_ problem: SchedulingProblem) throws(SchedulingInputError) {
        guard problem.travel.isValid else { throw .invalidTravelModel }
        let weights = problem.weights
        guard min(weights.travelPerMinute, weights.latenessPerMinute, weights.imbalancePerMinute, weights.unassignedPenalty) >= 0 else {
            throw .invalidWeights
        }
        var technicianIDs = Set<String>()
        for technician in problem.technicians {
            guard technicianIDs.insert(technician.id).inserted else { throw .duplicateTechnician(technician.id) }
            guard technician.shift.length >= 0 else { throw .invalidShift(technicianID: technician.id) }
            guard technician.absences.allSatisfy({ $0.length >= 0 }) else { throw .invalidAbsence(technicianID: technician.id) }
            guard technician.start.isValid, technician.end.isValid else { throw .invalidLocation(id: technician.id) }
        }
        var interventionIDs = Set<String>()
        for intervention in problem.interventions {
            guard interventionIDs.insert(intervention.id).inserted else { throw .duplicateIntervention(intervention.id) }
            guard intervention.durationMinutes > 0 else { throw .invalidDuration(interventionID: intervention.id) }
            guard intervention.window.length >= 0 else { throw .invalidWindow(interventionID: intervention.id) }
            guard intervention.location.isValid else { throw .invalidLocation(id: intervention.id) }
        }
    }
}
