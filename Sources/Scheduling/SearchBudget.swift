/// When the search stops: at a deadline on the continuous clock, or after a number of
/// ruin-and-recreate iterations (which makes the plan reproducible from its seed on any machine).
struct SearchBudget {
    let started: ContinuousClock.Instant
    let timeBudget: Duration
    let maximumIterations: Int?

    init(timeBudget: Duration, maximumIterations: Int?) {
        started = .now
        self.timeBudget = timeBudget
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
