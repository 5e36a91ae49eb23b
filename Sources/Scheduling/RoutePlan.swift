/// The search state: each technician's ordered route, its cached cost, and who does what.
/// The objective is a sum over routes plus the penalties of unassigned work, so every move is
/// priced by re-evaluating only the routes it touches.
struct RoutePlan {
    let prepared: PreparedProblem
    private(set) var routes: [[Int]]
    private(set) var routeCost: [Int]
    /// The technician of each intervention, nil while unassigned.
    private(set) var technicianOf: [Int?]
    private(set) var total: Int

    /// The pinned work only: each technician's pins in start order (pins without a start by window).
    init(pinnedWorkOf prepared: PreparedProblem) throws(SchedulingInputError) {
        self.prepared = prepared
        routes = [[Int]](repeating: [], count: prepared.technicianCount)
        technicianOf = [Int?](repeating: nil, count: prepared.interventionCount)
        for intervention in 0..<prepared.interventionCount {
            guard let technician = prepared.pinnedTechnician[intervention] else { continue }
            routes[technician].append(intervention)
            technicianOf[intervention] = technician
        }
        var routeCost = [Int](repeating: 0, count: prepared.technicianCount)
        for technician in 0..<prepared.technicianCount {
            routes[technician].sort {
                (prepared.pinnedStart[$0] ?? prepared.earliestStart[$0], $0) < (prepared.pinnedStart[$1] ?? prepared.earliestStart[$1], $1)
            }
            guard let cost = prepared.routeCost(technician, routes[technician]) else {
                throw .infeasiblePinnedWork(technicianID: prepared.problem.technicians[technician].id)
            }
            routeCost[technician] = cost
        }
        self.routeCost = routeCost
        let assigned = technicianOf
        total = routeCost.reduce(0, +)
            + (0..<prepared.interventionCount).filter { assigned[$0] == nil }.reduce(0) { $0 + prepared.unassignedPenalty[$1] }
    }

    func isMovable(_ intervention: Int) -> Bool {
        prepared.pinnedTechnician[intervention] == nil
    }

    /// Replaces a route with a re-evaluated one (its cost already known to be `cost`).
    mutating func setRoute(_ technician: Int, _ route: [Int], cost: Int) {
        setRoutes([(technician, route, cost)])
    }

    /// Replaces several routes at once, so work can change hands between them.
    mutating func setRoutes(_ changes: [(technician: Int, route: [Int], cost: Int)]) {
        for change in changes {
            for intervention in routes[change.technician] {
                technicianOf[intervention] = nil
                total += prepared.unassignedPenalty[intervention]
            }
        }
        for change in changes {
            for intervention in change.route {
                precondition(technicianOf[intervention] == nil, "an intervention is on two routes")
                technicianOf[intervention] = change.technician
                total -= prepared.unassignedPenalty[intervention]
            }
            total += change.cost - routeCost[change.technician]
            routes[change.technician] = change.route
            routeCost[change.technician] = change.cost
        }
    }

    /// The cheapest feasible place for an intervention costing less than `bound`: the technician,
    /// the new route and its cost increase. `base` replaces a technician's current route for this
    /// evaluation (a route the intervention was just taken out of).
    func bestInsertion(
        of intervention: Int, below bound: Int = Int.max, replacing base: (technician: Int, route: [Int], cost: Int)? = nil,
        scratch: inout [Int]
    ) -> Insertion? {
        var best: Insertion?
        for technician in 0..<prepared.technicianCount where prepared.isEligible(intervention, technician) {
            var route = routes[technician]
            var cost = routeCost[technician]
            if let base, base.technician == technician { (route, cost) = (base.route, base.cost) }
            if let found = cheapestPosition(
                of: intervention, in: technician, route: route, routeCost: cost, below: best?.delta ?? bound, scratch: &scratch
            ) {
                best = found
            }
        }
        return best
    }

    /// The cheapest feasible position of an intervention in one route, if it costs less than `bound`.
    /// Adding a visit never shortens the rest of the route, never makes it earlier, never lowers the
    /// load, so the travel detour alone is a lower bound of the cost increase: positions whose detour
    /// already reaches the bound are not timed.
    func cheapestPosition(
        of intervention: Int, in technician: Int, route: [Int], routeCost: Int, below bound: Int = Int.max, scratch: inout [Int]
    ) -> Insertion? {
        var best: Insertion?
        var limit = bound
        for position in 0...route.count {
            let previous = position == 0 ? prepared.startNode(technician) : route[position - 1]
            let next = position == route.count ? prepared.endNode(technician) : route[position]
            let detour = prepared.travelMinutes(previous, intervention) + prepared.travelMinutes(intervention, next)
                - prepared.travelMinutes(previous, next)
            guard detour * prepared.weights.travelPerMinute < limit else { continue }
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: route[..<position])
            scratch.append(intervention)
            scratch.append(contentsOf: route[position...])
            guard let cost = prepared.routeCost(technician, scratch), cost - routeCost < limit else { continue }
            limit = cost - routeCost
            best = Insertion(technician: technician, route: scratch, cost: cost, delta: limit)
        }
        return best
    }

    /// Takes an intervention out of its route; returns the shortened route and its cost (nil if the
    /// remaining order is infeasible, which travel rounding can in principle cause).
    func removal(of intervention: Int) -> (technician: Int, route: [Int], cost: Int?)? {
        guard let technician = technicianOf[intervention] else { return nil }
        var route = routes[technician]
        route.removeAll { $0 == intervention }
        return (technician, route, prepared.routeCost(technician, route))
    }
}

/// A priced insertion: the technician's route with the intervention in place.
struct Insertion {
    var technician: Int
    var route: [Int]
    var cost: Int
    var delta: Int
}
