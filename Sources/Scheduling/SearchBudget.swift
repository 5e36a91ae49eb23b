/// When the search stops: at a deadline on the continuous clock, or after a number of
/// ruin-and-recreate iterations (which makes the plan reproducible from its seed on any machine).
/// The search gets the budget less 2 % (at most 20 ms), kept for the last iteration to finish and
/// the plan to be written, so that the whole call returns within the budget.
struct SearchBudget {
    let started: ContinuousClock.Instant
    let timeBudget: Duration
    let maximumIterations: Int?

    init(timeBudget: Duration, maximumIterations: Int?) {
        started = .now
        self.timeBudget = timeBudget - min(timeBudget / 50, .milliseconds(20))
        self.maximumIterations = maximumIterations
    }

    func isExhausted(iterations: Int) -> Bool {
        if let maximumIterations, iterations >= maximumIterations { return true }
        return isOutOfTime
    }

    /// The iteration limit bounds only ruin-and-recreate; local search always runs to its optimum
    /// unless time is up.
    var isOutOfTime: Bool {
        ContinuousClock.now - started >= timeBudget
    }

    /// How far along the search is, 0 to 1: by iterations when they are limited, else by time.
    func progress(iterations: Int) -> Double {
        if let maximumIterations, maximumIterations > 0 { return min(1, Double(iterations) / Double(maximumIterations)) }
        let elapsed = ContinuousClock.now - started
        return min(1, elapsed / timeBudget)
    }
}
