/// Timing of one visit on a technician's route, as scheduled: every visit starts as early as
/// travel, its window and the technician's absences allow (earliest start minimises lateness and
/// keeps every later visit feasible, so it is the best timing of a given order).
struct VisitTiming {
    var intervention: Int
    var arrival: Int
    var start: Int
    var travelMinutes: Int
    var lateMinutes: Int
}

/// What a feasible route costs, term by term (see `ObjectiveWeights`).
struct RouteSummary {
    var travelMinutes = 0
    var lateMinutes = 0
    var latenessCost = 0
    var busyMinutes = 0
    var overloadMinutes = 0
    var cost = 0
}

extension PreparedProblem {
    /// The route's cost, or nil when it breaks a hard constraint (window, shift, absence, pin).
    func routeCost(_ technician: Int, _ route: [Int]) -> Int? {
        walkRoute(technician, route) { _ in }?.cost
    }

    /// Schedules the route visit by visit; nil when a hard constraint is broken.
    @inline(__always)
    func walkRoute(_ technician: Int, _ route: [Int], visit: (VisitTiming) -> Void) -> RouteSummary? {
        var summary = RouteSummary()
        var time = shift[technician].start
        var location = startNode(technician)
        var work = 0
        for intervention in route {
            let travel = travelMinutes(location, intervention)
            let arrival = time + travel
            var start = max(arrival, earliestStart[intervention])
            if let pinned = pinnedStart[intervention] {
                // Work in progress or fixed by a manager: it starts when pinned, or the route is wrong.
                guard arrival <= pinned else { return nil }
                start = pinned
            } else {
                for absence in absences[technician] where absence.end > start {
                    if start + duration[intervention] <= absence.start { break }
                    start = absence.end
                }
                guard start <= latestStart[intervention] else { return nil }
            }
            let late = max(0, start - lateAfterStart[intervention])
            summary.travelMinutes += travel
            summary.lateMinutes += late
            summary.latenessCost += late * latenessWeight[intervention]
            work += duration[intervention]
            visit(VisitTiming(intervention: intervention, arrival: arrival, start: start, travelMinutes: travel, lateMinutes: late))
            time = start + duration[intervention]
            location = intervention
        }
        // A technician with nothing planned does not drive (OR-Tools counts no cost for an empty route either).
        if !route.isEmpty {
            let home = travelMinutes(location, endNode(technician))
            guard time + home <= shift[technician].end else { return nil }
            summary.travelMinutes += home
        }
        summary.busyMinutes = currentLoad[technician] + work + summary.travelMinutes
        summary.overloadMinutes = max(0, summary.busyMinutes - fairShare)
        summary.cost = summary.travelMinutes * weights.travelPerMinute + summary.latenessCost
            + summary.overloadMinutes * weights.imbalancePerMinute
        return summary
    }
}
