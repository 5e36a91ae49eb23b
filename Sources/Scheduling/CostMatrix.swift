/// A dense rows × columns cost matrix for the assignment problem, stored row-major.
/// `Double.infinity` marks a forbidden pair (a row that may never take that column). Finite costs
/// stay within ±`CostMatrix.largestCost`, where sums of whole numbers are still exact in a double
/// and the penalty standing for forbidden pairs cannot overflow.
public struct CostMatrix: Sendable, Hashable {
    public static let largestCost = 1e12

    public let rows: Int
    public let columns: Int
    public private(set) var values: [Double]

    /// Checks the shape and the values: every cost is finite or `+infinity` (NaN and `-infinity`
    /// have no meaning as a cost and would make the optimum undefined).
    public init(rows: Int, columns: Int, values: [Double]) throws(CostMatrixError) {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw .shapeMismatch(rows: rows, columns: columns, count: values.count)
        }
        if let index = values.firstIndex(where: { !Self.isValid($0) }) {
            throw .invalidCost(row: index / columns, column: index % columns)
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix with every pair forbidden, to be filled with `subscript`.
    public init(rows: Int, columns: Int) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        values = [Double](repeating: .infinity, count: self.rows * self.columns)
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set {
            precondition(Self.isValid(newValue), "a cost is within ±largestCost or +infinity (forbidden)")
            values[row * columns + column] = newValue
        }
    }

    private static func isValid(_ cost: Double) -> Bool {
        cost == .infinity || abs(cost) <= largestCost
    }

    public func isForbidden(row: Int, column: Int) -> Bool {
        values[row * columns + column] == .infinity
    }

    /// The columns × rows matrix: the solver works with no more rows than columns.
    func transposed() -> CostMatrix {
        var result = CostMatrix(rows: columns, columns: rows)
        for row in 0..<rows {
            for column in 0..<columns {
                result.values[column * rows + row] = values[row * columns + column]
            }
        }
        return result
    }
}

public enum CostMatrixError: Error, Hashable, Sendable, CustomStringConvertible {
    case shapeMismatch(rows: Int, columns: Int, count: Int)
    case invalidCost(row: Int, column: Int)

    public var description: String {
        switch self {
        case let .shapeMismatch(rows, columns, count):
            "a \(rows) × \(columns) cost matrix needs \(rows * columns) values, got \(count)"
        case let .invalidCost(row, column):
            "the cost at row \(row), column \(column) is NaN, -infinity or beyond ±\(CostMatrix.largestCost)"
        }
    }
}
