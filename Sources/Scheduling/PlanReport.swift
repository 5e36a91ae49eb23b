extension RoutePlan {
    /// The public plan: every visit timed and explained, every unassigned intervention diagnosed.
    func schedulingPlan(seed: UInt64, iterations: Int) -> SchedulingPlan {
        let problem = prepared.problem
        var assignments: [Assignment] = []
        var cost = ObjectiveBreakdown()
        for (technicianIndex, technician) in problem.technicians.enumerated() {
            var visits: [VisitTiming] = []
            guard let summary = prepared.walkRoute(technicianIndex, routes[technicianIndex], visit: { visits.append($0) }) else {
                preconditionFailure("the search only keeps feasible routes")
            }
            cost.add(summary, weights: prepared.weights)
            var previous: String?
            for visit in visits {
                let intervention = problem.interventions[visit.intervention]
                let explanation = Explanation(
                    skillsMatched: SkillMatch(technician: technician, requirements: intervention.requiredSkills, day: problem.day).matched,
                    previousInterventionID: previous, travelMinutes: visit.travelMinutes, arrival: visit.arrival,
                    waitMinutes: visit.start - visit.arrival, lateMinutes: visit.lateMinutes, window: intervention.window,
                    deadline: intervention.deadline, technicianLoadMinutes: summary.busyMinutes, fairShareMinutes: prepared.fairShare
                )
                assignments.append(Assignment(
                    interventionID: intervention.id, technicianID: technician.id, start: visit.start,
                    end: visit.start + intervention.durationMinutes, pinned: !isMovable(visit.intervention), explanation: explanation
                ))
                previous = intervention.id
            }
        }
        let unassigned = (0..<prepared.interventionCount).filter { technicianOf[$0] == nil }
        for intervention in unassigned {
            cost.unassignedCount += 1
            cost.unassignedCost += prepared.unassignedPenalty[intervention]
        }
        return SchedulingPlan(
            assignments: assignments,
            unassigned: unassigned.map { UnassignedIntervention(interventionID: problem.interventions[$0].id, reason: prepared.unassignedReason($0)) },
            cost: cost, seed: seed, iterations: iterations
        )
    }
}

extension ObjectiveBreakdown {
    mutating func add(_ route: RouteSummary, weights: ObjectiveWeights) {
        travelMinutes += route.travelMinutes
        lateMinutes += route.lateMinutes
        overloadMinutes += route.overloadMinutes
        travelCost += route.travelMinutes * weights.travelPerMinute
        latenessCost += route.latenessCost
        imbalanceCost += route.overloadMinutes * weights.imbalancePerMinute
    }
}

extension SchedulingProblem {
    /// The objective of a plan given as ordered routes (technician id → intervention ids), for
    /// comparing a plan made elsewhere (by hand, or by another solver) on the same terms.
    /// Nil when a route breaks a hard constraint or names an ineligible technician.
    public func cost(ofRoutes routes: [String: [String]]) throws(SchedulingInputError) -> ObjectiveBreakdown? {
        let prepared = try PreparedProblem(self, neighbourCount: 0)
        let interventionIndex = Dictionary(uniqueKeysWithValues: interventions.enumerated().map { ($1.id, $0) })
        var cost = ObjectiveBreakdown()
        var placed = Set<Int>()
        for (technicianIndex, technician) in technicians.enumerated() {
            var route: [Int] = []
            for id in routes[technician.id] ?? [] {
                guard let intervention = interventionIndex[id], prepared.isEligible(intervention, technicianIndex),
                    placed.insert(intervention).inserted
                else { return nil }
                route.append(intervention)
            }
            guard let summary = prepared.walkRoute(technicianIndex, route, visit: { _ in }) else { return nil }
            cost.add(summary, weights: weights)
        }
        for intervention in 0..<interventions.count where !placed.contains(intervention) {
            cost.unassignedCount += 1
            cost.unassignedCost += prepared.unassignedPenalty[intervention]
        }
        return cost
    }
}
