/// The first plan: rounds of exact minimum-cost assignment. Each round gives every technician at
/// most one more intervention, at its cheapest place in their route, choosing the set of
/// (intervention, technician) pairs that together cost least (the penalty an assignment avoids
/// counts as a gain, so urgent work goes first). Rounds repeat until nothing more fits profitably.
extension RoutePlan {
    mutating func assignInRounds(scratch: inout [Int]) {
        while true {
            let candidates = (0..<prepared.interventionCount).filter { technicianOf[$0] == nil && isMovable($0) }
            guard !candidates.isEmpty else { return }
            var matrix = CostMatrix(rows: candidates.count, columns: prepared.technicianCount)
            for (row, intervention) in candidates.enumerated() {
                for technician in 0..<prepared.technicianCount where prepared.isEligible(intervention, technician) {
                    guard let insertion = cheapestPosition(
                        of: intervention, in: technician, route: routes[technician], routeCost: routeCost[technician],
                        below: prepared.unassignedPenalty[intervention], scratch: &scratch
                    ) else { continue }
                    matrix[row, technician] = Double(insertion.delta - prepared.unassignedPenalty[intervention])
                }
            }
            let solution = LinearAssignment.solve(matrix)
            var assigned = false
            for (row, column) in solution.columnForRow.enumerated() {
                // Each technician gains one intervention per round, so the priced place is still valid.
                guard let column, let insertion = cheapestPosition(
                    of: candidates[row], in: column, route: routes[column], routeCost: routeCost[column], scratch: &scratch
                ) else { continue }
                setRoute(column, insertion.route, cost: insertion.cost)
                assigned = true
            }
            if !assigned { return }
        }
    }
}
