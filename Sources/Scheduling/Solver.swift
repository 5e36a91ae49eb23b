/// Tuning of the search; the defaults suit days of up to a few thousand interventions.
public struct SolverConfiguration: Hashable, Sendable {
    /// Stop after this many ruin-and-recreate iterations even if time remains (reproducible plans).
    public var maximumIterations: Int?
    /// How many nearby interventions one ruin step takes out.
    public var ruinSize: ClosedRange<Int>
    /// How many nearest interventions swaps and ruin clusters consider.
    public var neighbourCount: Int
    /// A worse plan is accepted while it costs less than this fraction more than the current one;
    /// the allowance shrinks to zero as the budget runs out (threshold accepting).
    public var acceptanceThreshold: Double

    public init(maximumIterations: Int? = nil, ruinSize: ClosedRange<Int> = 3...15, neighbourCount: Int = 30, acceptanceThreshold: Double = 0.002) {
        self.maximumIterations = maximumIterations
        self.ruinSize = max(1, ruinSize.lowerBound)...max(1, ruinSize.upperBound)
        self.neighbourCount = max(1, neighbourCount)
        self.acceptanceThreshold = max(0, acceptanceThreshold)
    }
}

/// Plans a day: which technician does each intervention, in what order, at what time.
///
/// 1. Pinned work is placed as pinned.
/// 2. Rounds of exact minimum-cost assignment (`LinearAssignment`) give each technician one more
///    intervention per round, at its cheapest place, until nothing more fits.
/// 3. Local search (relocate, swap, 2-opt) to a local optimum.
/// 4. Ruin and recreate with threshold acceptance until the time budget (or iteration limit) ends;
///    the best plan seen is returned.
///
/// Values in, values out: the same problem, seed and iteration limit give the same plan.
public struct Solver: Sendable {
    public let configuration: SolverConfiguration

    public init(configuration: SolverConfiguration = SolverConfiguration()) {
        self.configuration = configuration
    }

    public func solve(_ problem: SchedulingProblem, seed: UInt64, timeBudget: Duration) throws(SchedulingInputError) -> SchedulingPlan {
        let budget = SearchBudget(timeBudget: timeBudget, maximumIterations: configuration.maximumIterations)
        let prepared = try PreparedProblem(problem, neighbourCount: configuration.neighbourCount)
        var generator = SeededGenerator(seed: seed)
        var scratch = [Int]()
        scratch.reserveCapacity(64)

        var current = try RoutePlan(pinnedWorkOf: prepared)
        current.assignInRounds(scratch: &scratch)
        current.descend(using: &generator, budget: budget, scratch: &scratch)
        // A day with no work has nothing to ruin or recreate: searching would only burn the budget
        // (a whole core for two seconds per preview of an empty day).
        guard prepared.interventionCount > 0 else { return current.schedulingPlan(seed: seed, iterations: 0) }

        let placeable = (0..<prepared.interventionCount).map { !prepared.soloFeasibleTechnicians($0).isEmpty }
        var best = current
        var iterations = 0
        while !budget.isExhausted(iterations: iterations) {
            var candidate = current
            let size = Int.random(in: configuration.ruinSize, using: &generator)
            candidate.ruinAndRecreate(size: size, placeable: placeable, using: &generator, scratch: &scratch)
            iterations += 1
            let allowance = Double(current.total) * configuration.acceptanceThreshold * (1 - budget.progress(iterations: iterations))
            if Double(candidate.total) <= Double(current.total) + allowance { current = candidate }
            if current.total < best.total { best = current }
        }
        return best.schedulingPlan(seed: seed, iterations: iterations)
    }
}
