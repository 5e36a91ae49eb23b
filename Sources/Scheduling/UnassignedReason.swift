/// Why an intervention is not in the plan, from the most fundamental cause down.
public enum UnassignedReason: Hashable, Sendable, Codable {
    /// No technician holds every required skill, valid on the day, at the required level. `unmet`
    /// lists the requirements nobody meets at all (empty: each is met by someone, but not all by one).
    case noQualifiedTechnician(unmet: [SkillRequirement])
    /// Qualified technicians exist, but none is on shift and free for the whole duration in the window.
    case outsideAvailability(qualifiedTechnicians: Int)
    /// Qualified and available technicians exist, but none can travel there and back within the
    /// window and the shift, even with nothing else to do.
    case travelInfeasible(minimumTravelMinutes: Int)
    /// These technicians could do it on an empty day, but their days are full of work that counts
    /// more (or fitting it in would cost more than leaving it unassigned).
    case noRoomInPlan(candidateTechnicianIDs: [String])
}

extension PreparedProblem {
    /// Technicians who could do the intervention on a day with nothing else planned.
    func soloFeasibleTechnicians(_ intervention: Int) -> [Int] {
        (0..<technicianCount).filter { isEligible(intervention, $0) && routeCost($0, [intervention]) != nil }
    }

    func unassignedReason(_ intervention: Int) -> UnassignedReason {
        let candidates = soloFeasibleTechnicians(intervention)
        if !candidates.isEmpty { return .noRoomInPlan(candidateTechnicianIDs: candidates.map { problem.technicians[$0].id }) }
        let work = problem.interventions[intervention]
        let qualified = (0..<technicianCount).filter { isEligible(intervention, $0) }
        guard !qualified.isEmpty else {
            let unmet = work.requiredSkills.filter { requirement in
                !problem.technicians.contains { SkillMatch(technician: $0, requirements: [requirement], day: problem.day).isQualified }
            }
            return .noQualifiedTechnician(unmet: unmet)
        }
        let available = qualified.filter { hasFreeSpan(technician: $0, for: intervention) }
        guard !available.isEmpty else { return .outsideAvailability(qualifiedTechnicians: qualified.count) }
        return .travelInfeasible(minimumTravelMinutes: available.map { travelMinutes(startNode($0), intervention) }.min()!)
    }

    /// Whether some span of the intervention's length lies in its window, the shift, and no absence
    /// (travel aside). Candidate starts are the earliest one and the end of each absence.
    private func hasFreeSpan(technician: Int, for intervention: Int) -> Bool {
        let earliest = max(earliestStart[intervention], shift[technician].start)
        let latest = min(latestStart[intervention], shift[technician].end - duration[intervention])
        let candidates = [earliest] + absences[technician].map(\.end).filter { $0 > earliest }
        return candidates.contains { start in
            start <= latest && !absences[technician].contains { $0.overlaps(MinuteInterval(start: start, end: start + duration[intervention])) }
        }
    }
}
