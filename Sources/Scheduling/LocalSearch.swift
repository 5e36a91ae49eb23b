/// Local search to a local optimum: relocate (one intervention to its best place anywhere, or into
/// the plan if it was unassigned), swap (two interventions on different routes, or an assigned one
/// for a nearby unassigned one), and 2-opt (reverse a stretch of one route). First improvement.
extension RoutePlan {
    mutating func descend(using generator: inout SeededGenerator, budget: SearchBudget, scratch: inout [Int]) {
        var improved = true
        while improved && !budget.isOutOfTime {
            improved = false
            for intervention in (0..<prepared.interventionCount).shuffled(using: &generator) {
                if relocate(intervention, scratch: &scratch) { improved = true }
                if swapWithNeighbours(intervention) { improved = true }
            }
            for technician in 0..<prepared.technicianCount where twoOpt(technician) {
                improved = true
            }
        }
    }

    /// Moves one intervention to its cheapest place if that lowers the total.
    mutating func relocate(_ intervention: Int, scratch: inout [Int]) -> Bool {
        guard let (technician, shortened, shortenedCost) = removal(of: intervention) else {
            guard isMovable(intervention),
                let insertion = bestInsertion(of: intervention, below: prepared.unassignedPenalty[intervention], scratch: &scratch)
            else { return false }
            setRoute(insertion.technician, insertion.route, cost: insertion.cost)
            return true
        }
        guard let shortenedCost else { return false }
        let removalGain = routeCost[technician] - shortenedCost
        guard let insertion = bestInsertion(
            of: intervention, below: removalGain, replacing: (technician, shortened, shortenedCost), scratch: &scratch
        ) else {
            guard isMovable(intervention), removalGain > prepared.unassignedPenalty[intervention] else { return false }
            setRoute(technician, shortened, cost: shortenedCost)
            return true
        }
        setRoutes(insertion.technician == technician
            ? [(technician, insertion.route, insertion.cost)]
            : [(technician, shortened, shortenedCost), (insertion.technician, insertion.route, insertion.cost)])
        return true
    }

    /// Exchanges an intervention with a nearby one in place: across two routes, or with one that is
    /// unassigned (which then takes its place and its penalty is traded).
    mutating func swapWithNeighbours(_ intervention: Int) -> Bool {
        guard isMovable(intervention), let technician = technicianOf[intervention] else { return false }
        let position = routes[technician].firstIndex(of: intervention)!
        for neighbour in prepared.neighbours[intervention] where isMovable(neighbour) && prepared.isEligible(neighbour, technician) {
            var route = routes[technician]
            route[position] = neighbour
            guard let cost = prepared.routeCost(technician, route) else { continue }
            guard let other = technicianOf[neighbour] else {
                let delta = cost - routeCost[technician] + prepared.unassignedPenalty[intervention] - prepared.unassignedPenalty[neighbour]
                guard delta < 0 else { continue }
                setRoute(technician, route, cost: cost)
                return true
            }
            guard other != technician, prepared.isEligible(intervention, other) else { continue }
            var otherRoute = routes[other]
            otherRoute[otherRoute.firstIndex(of: neighbour)!] = intervention
            guard let otherCost = prepared.routeCost(other, otherRoute),
                cost + otherCost < routeCost[technician] + routeCost[other]
            else { continue }
            setRoutes([(technician, route, cost), (other, otherRoute, otherCost)])
            return true
        }
        return false
    }

    /// Reverses the stretch of one route that lowers its cost most, while one does.
    mutating func twoOpt(_ technician: Int) -> Bool {
        var improved = false
        var searching = true
        while searching {
            searching = false
            let route = routes[technician]
            guard route.count > 1 else { return improved }
            for first in 0..<(route.count - 1) {
                for last in (first + 1)..<route.count {
                    var candidate = route
                    candidate[first...last].reverse()
                    if let cost = prepared.routeCost(technician, candidate), cost < routeCost[technician] {
                        setRoute(technician, candidate, cost: cost)
                        improved = true
                        searching = true
                        break
                    }
                }
                if searching { break }
            }
        }
        return improved
    }
}
