import Scheduling
import Testing

@Suite("LinearAssignment")
struct LinearAssignmentTests {
    /// Every way to give each row a distinct column or none: the most pairs, then the least cost.
    func bruteForce(_ matrix: CostMatrix) -> (pairs: Int, cost: Double) {
        var best = (pairs: 0, cost: 0.0)
        var used = [Bool](repeating: false, count: matrix.columns)
        func visit(_ row: Int, pairs: Int, cost: Double) {
            if row == matrix.rows {
                if pairs > best.pairs || (pairs == best.pairs && cost < best.cost) { best = (pairs, cost) }
                return
            }
            visit(row + 1, pairs: pairs, cost: cost)
            for column in 0..<matrix.columns where !used[column] && !matrix.isForbidden(row: row, column: column) {
                used[column] = true
                visit(row + 1, pairs: pairs + 1, cost: cost + matrix[row, column])
                used[column] = false
            }
        }
        visit(0, pairs: 0, cost: 0)
        return best
    }

    @Test("equals brute force on small square, rectangular and partly forbidden matrices", arguments: 0..<300)
    func matchesBruteForce(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let rows = Int.random(in: 1...6, using: &generator)
        let columns = Int.random(in: 1...6, using: &generator)
        let forbiddenShare = [0, 0.3, 0.7][Int(seed % 3)]
        var matrix = CostMatrix(rows: rows, columns: columns)
        for row in 0..<rows {
            for column in 0..<columns where Double.random(in: 0..<1, using: &generator) >= forbiddenShare {
                matrix[row, column] = Double(Int.random(in: -50...100, using: &generator))
            }
        }
        let solution = LinearAssignment.solve(matrix)
        let expected = bruteForce(matrix)
        let chosen = solution.columnForRow.compactMap { $0 }
        #expect(chosen.count == expected.pairs)
        #expect(solution.cost == expected.cost)
        #expect(Set(chosen).count == chosen.count, "no column is used twice")
        for (row, column) in solution.columnForRow.enumerated() {
            if let column { #expect(!matrix.isForbidden(row: row, column: column)) }
        }
    }

    @Test("a fully forbidden or empty matrix assigns nothing")
    func nothingToAssign() {
        #expect(LinearAssignment.solve(CostMatrix(rows: 3, columns: 2)).columnForRow == [nil, nil, nil])
        #expect(LinearAssignment.solve(CostMatrix(rows: 0, columns: 4)).columnForRow.isEmpty)
    }

    @Test("NaN, -infinity, overlarge costs and a wrong shape are refused with the position")
    func invalidInput() {
        #expect(throws: CostMatrixError.invalidCost(row: 1, column: 0)) {
            try CostMatrix(rows: 2, columns: 2, values: [1, 2, .nan, 4])
        }
        #expect(throws: CostMatrixError.invalidCost(row: 0, column: 1)) {
            try CostMatrix(rows: 1, columns: 2, values: [1, -.infinity])
        }
        #expect(throws: CostMatrixError.invalidCost(row: 0, column: 0)) {
            try CostMatrix(rows: 1, columns: 1, values: [1e300])
        }
        #expect(throws: CostMatrixError.shapeMismatch(rows: 2, columns: 2, count: 3)) {
            try CostMatrix(rows: 2, columns: 2, values: [1, 2, 3])
        }
    }
}
