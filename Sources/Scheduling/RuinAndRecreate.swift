/// One large-neighbourhood step: take a cluster of nearby interventions out of their routes, then
/// put them back — with any unassigned work that could fit — each at its cheapest place, highest
/// penalty first (ties in random order). Clusters let work change hands between technicians who
/// work the same area, which single moves cannot do without passing through worse plans.
extension RoutePlan {
    mutating func ruinAndRecreate(size: Int, placeable: [Bool], using generator: inout SeededGenerator, scratch: inout [Int]) {
        let assignedTo = technicianOf
        let pinned = prepared.pinnedTechnician
        let assigned = (0..<prepared.interventionCount).filter { assignedTo[$0] != nil && pinned[$0] == nil }
        guard let seed = assigned.randomElement(using: &generator) else { return }
        let cluster = [seed] + prepared.neighbours[seed].filter { assignedTo[$0] != nil && pinned[$0] == nil }.prefix(size - 1)
        let removed = Set(cluster)

        var changes: [(technician: Int, route: [Int], cost: Int)] = []
        for technician in Set(cluster.compactMap { technicianOf[$0] }) {
            let route = routes[technician].filter { !removed.contains($0) }
            if let cost = prepared.routeCost(technician, route) { changes.append((technician, route, cost)) }
        }
        setRoutes(changes)

        var pending = (0..<prepared.interventionCount)
            .filter { technicianOf[$0] == nil && isMovable($0) && placeable[$0] }
            .map { (intervention: $0, order: generator.next()) }
        pending.sort { (prepared.unassignedPenalty[$0.intervention], $0.order) > (prepared.unassignedPenalty[$1.intervention], $1.order) }
        for (intervention, _) in pending {
            guard let insertion = bestInsertion(of: intervention, below: prepared.unassignedPenalty[intervention], scratch: &scratch) else {
                continue
            }
            setRoute(insertion.technician, insertion.route, cost: insertion.cost)
        }
    }
}
