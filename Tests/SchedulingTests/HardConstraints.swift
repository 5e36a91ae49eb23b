import Scheduling

/// An independent reading of the hard constraints, to check plans against: every violation found.
enum HardConstraints {
    static func violations(of plan: SchedulingPlan, in problem: SchedulingProblem) -> [String] {
        var found: [String] = []
        let interventions = Dictionary(uniqueKeysWithValues: problem.interventions.map { ($0.id, $0) })
        let placed = plan.assignments.map(\.interventionID) + plan.unassigned.map(\.interventionID)
        if placed.sorted() != problem.interventions.map(\.id).sorted() {
            found.append("every intervention is either assigned once or unassigned")
        }
        for technician in problem.technicians {
            let route = plan.route(of: technician.id)
            var time = technician.shift.start
            var location = technician.start
            for assignment in route {
                let work = interventions[assignment.interventionID]!
                let span = MinuteInterval(start: assignment.start, end: assignment.end)
                let pinned = problem.pinned.first { $0.interventionID == work.id }
                if assignment.end - assignment.start != work.durationMinutes { found.append("\(work.id): duration") }
                if pinned == nil && !technician.skillGaps(for: work, on: problem.day).isEmpty { found.append("\(work.id): skills") }
                if pinned == nil && !work.window.contains(span) { found.append("\(work.id): window") }
                if pinned == nil && technician.absences.contains(where: { $0.overlaps(span) }) { found.append("\(work.id): absence") }
                if let start = pinned?.start, start != assignment.start { found.append("\(work.id): pinned start moved") }
                if let pinned, pinned.technicianID != technician.id { found.append("\(work.id): pinned technician changed") }
                if assignment.start < time + problem.travel.minutes(from: location, to: work.location) {
                    found.append("\(work.id): overlap or travel from the previous stop")
                }
                time = assignment.end
                location = work.location
            }
            if !route.isEmpty, time + problem.travel.minutes(from: location, to: technician.end) > technician.shift.end {
                found.append("\(technician.id): not back by the end of the shift")
            }
        }
        return found
    }
}
