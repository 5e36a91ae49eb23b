import Scheduling

/// The day-planning instance as plain numbers for the OR-Tools script
/// (scripts/bench/scheduling_peer.py), so both solvers optimise the same objective on the same
/// data: travel minutes as a matrix (nodes: interventions, then technicians' starts, then ends),
/// every per-intervention cost coefficient precomputed. No absences and no pins in this instance.
struct PeerInstance: Codable {
    struct Vehicle: Codable {
        var shiftStart: Int
        var shiftEnd: Int
        var currentLoad: Int
    }

    struct Visit: Codable {
        var duration: Int
        var earliestStart: Int
        var latestStart: Int
        /// Start minute after which each minute costs `latenessWeight`; nil without a deadline.
        var lateAfterStart: Int?
        var latenessWeight: Int
        var unassignedPenalty: Int
        var eligibleVehicles: [Int]
    }

    var vehicles: [Vehicle]
    var visits: [Visit]
    var travel: [[Int]]
    var travelWeight: Int
    var imbalanceWeight: Int
    var fairShare: Int

    init(_ problem: SchedulingProblem) {
        let weights = problem.weights
        vehicles = problem.technicians.map {
            Vehicle(shiftStart: $0.shift.start, shiftEnd: $0.shift.end, currentLoad: $0.currentLoadMinutes)
        }
        visits = problem.interventions.map { intervention in
            Visit(
                duration: intervention.durationMinutes, earliestStart: intervention.window.start,
                latestStart: intervention.window.end - intervention.durationMinutes,
                lateAfterStart: intervention.deadline.map { $0 - intervention.durationMinutes },
                latenessWeight: weights.latenessPerMinute * intervention.priority.weight,
                unassignedPenalty: weights.unassignedPenalty * intervention.priority.weight,
                eligibleVehicles: problem.technicians.indices.filter {
                    problem.technicians[$0].skillGaps(for: intervention, on: problem.day).isEmpty
                }
            )
        }
        let points = problem.interventions.map(\.location) + problem.technicians.map(\.start) + problem.technicians.map(\.end)
        travel = points.map { from in points.map { to in problem.travel.minutes(from: from, to: to) } }
        travelWeight = weights.travelPerMinute
        imbalanceWeight = weights.imbalancePerMinute
        fairShare = problem.fairShareMinutes
    }
}
