/// Exact minimum-cost assignment of rows to columns: Jonker–Volgenant's shortest augmenting path
/// with dual potentials (the rectangular variant described by Crouse, 2016), O(n²·m).
///
/// Rectangular matrices are allowed: the smaller side is assigned completely. Forbidden pairs
/// (`+infinity`) are never chosen; when they make a complete assignment impossible the result has
/// as many pairs as possible and, among those, the lowest cost (rows left out map to `nil`).
public enum LinearAssignment {
    public static func solve(_ matrix: CostMatrix) -> AssignmentSolution {
        guard matrix.rows > 0, matrix.columns > 0 else {
            return AssignmentSolution(columnForRow: [Int?](repeating: nil, count: matrix.rows), cost: 0)
        }
        let transposed = matrix.rows > matrix.columns
        let wide = transposed ? matrix.transposed() : matrix
        let columnForWideRow = shortestAugmentingPaths(penalisingForbiddenPairs(wide), rows: wide.rows, columns: wide.columns)

        var columnForRow = [Int?](repeating: nil, count: matrix.rows)
        var cost = 0.0
        for (wideRow, wideColumn) in columnForWideRow.enumerated() {
            let (row, column) = transposed ? (wideColumn, wideRow) : (wideRow, wideColumn)
            guard !matrix.isForbidden(row: row, column: column) else { continue }
            columnForRow[row] = column
            cost += matrix[row, column]
        }
        return AssignmentSolution(columnForRow: columnForRow, cost: cost)
    }

    /// Forbidden pairs become a penalty larger than any difference between two assignments made of
    /// allowed pairs, so the optimum first uses as few forbidden pairs as possible (the most allowed
    /// pairs), then has the least cost; the forbidden pairs it still uses are dropped afterwards.
    private static func penalisingForbiddenPairs(_ matrix: CostMatrix) -> [Double] {
        var lowest = Double.infinity
        var highest = -Double.infinity
        for value in matrix.values where value != .infinity {
            lowest = min(lowest, value)
            highest = max(highest, value)
        }
        guard lowest != .infinity else { return [Double](repeating: 0, count: matrix.values.count) }
        guard highest != .infinity, matrix.values.contains(.infinity) else { return matrix.values }
        let penalty = highest + Double(matrix.rows) * (highest - lowest) + 1
        return matrix.values.map { $0 == .infinity ? penalty : $0 }
    }

    /// Assigns every row (rows ≤ columns, all costs finite): for each row in turn, Dijkstra over
    /// reduced costs finds the cheapest augmenting path to a free column, then the potentials are
    /// updated so reduced costs stay non-negative and zero on the matching. Returns each row's column.
    /// Works on raw buffers: this loop is the whole cost of a 1000 × 1000 solve.
    private static func shortestAugmentingPaths(_ costs: [Double], rows: Int, columns: Int) -> [Int] {
        let u = buffer(rows, 0.0), v = buffer(columns, 0.0), shortest = buffer(columns, 0.0)
        let path = buffer(columns, -1), remaining = buffer(columns, 0), rowForColumn = buffer(columns, -1)
        let rowVisited = buffer(rows, false), columnVisited = buffer(columns, false)
        var columnForRow = [Int](repeating: -1, count: rows)
        defer {
            u.deallocate(); v.deallocate(); shortest.deallocate(); path.deallocate()
            remaining.deallocate(); rowForColumn.deallocate(); rowVisited.deallocate(); columnVisited.deallocate()
        }
        costs.withUnsafeBufferPointer { cost in
            for currentRow in 0..<rows {
                var remainingCount = columns
                for index in 0..<columns {
                    remaining[index] = columns - index - 1
                    shortest[index] = .infinity
                    columnVisited[index] = false
                }
                rowVisited.update(repeating: false)
                var minimum = 0.0
                var sink = -1
                var row = currentRow
                while sink < 0 {
                    rowVisited[row] = true
                    var lowest = Double.infinity
                    var lowestIndex = -1
                    let rowBase = row * columns
                    let base = minimum - u[row]
                    for index in 0..<remainingCount {
                        let column = remaining[index]
                        let reduced = base + cost[rowBase + column] - v[column]
                        if reduced < shortest[column] {
                            path[column] = row
                            shortest[column] = reduced
                        }
                        let distance = shortest[column]
                        // Ties prefer a free column: the path ends sooner.
                        if distance < lowest || (distance == lowest && rowForColumn[column] < 0) {
                            lowest = distance
                            lowestIndex = index
                        }
                    }
                    minimum = lowest
                    let column = remaining[lowestIndex]
                    if rowForColumn[column] < 0 { sink = column } else { row = rowForColumn[column] }
                    columnVisited[column] = true
                    remainingCount -= 1
                    remaining[lowestIndex] = remaining[remainingCount]
                }
                u[currentRow] += minimum
                for other in 0..<rows where rowVisited[other] && other != currentRow {
                    u[other] += minimum - shortest[columnForRow[other]]
                }
                for column in 0..<columns where columnVisited[column] {
                    v[column] -= minimum - shortest[column]
                }
                var column = sink
                while true {
                    let pathRow = path[column]
                    rowForColumn[column] = pathRow
                    swap(&columnForRow[pathRow], &column)
                    if pathRow == currentRow { break }
                }
            }
        }
        return columnForRow
    }

    private static func buffer<Element>(_ count: Int, _ value: Element) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: count)
        buffer.initialize(repeating: value)
        return buffer
    }
}

/// The optimal assignment: the column of each row (`nil` for a row left out) and the total cost
/// of the chosen pairs.
public struct AssignmentSolution: Sendable, Hashable {
    public let columnForRow: [Int?]
    public let cost: Double
}
