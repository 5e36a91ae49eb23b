import FieldOpsCore
import Redis

/// What the scheduler worker reads from the environment at start-up.
public struct SchedulerConfiguration: Sendable {
    /// How long the solver searches one day (`FIELDOPS_SCHEDULER_TIME_BUDGET_MS`, default 2 s).
    public var timeBudget: Duration
    /// The lease on a (tenant, day) lock (`FIELDOPS_SCHEDULER_LOCK_TTL_MS`, default 60 s): longer than
    /// loading, solving and writing a day, so a healthy scheduler never loses it midway.
    public var lockTTL: Duration
    /// How long to wait for another scheduler planning the same day before retrying later
    /// (`FIELDOPS_SCHEDULER_LOCK_WAIT_MS`, default 10 s).
    public var lockWait: Duration
    /// Ruin-and-recreate iterations at most (`FIELDOPS_SCHEDULER_MAX_ITERATIONS`, 0 for no limit):
    /// with a limit, the same data and seed give the same plan on any machine.
    public var maximumIterations: Int?
    public var redis: RedisConfiguration

    public init(timeBudget: Duration = .seconds(2), lockTTL: Duration = .seconds(60), lockWait: Duration = .seconds(10), maximumIterations: Int? = nil, redis: RedisConfiguration) {
        self.timeBudget = timeBudget
        self.lockTTL = lockTTL
        self.lockWait = lockWait
        self.maximumIterations = maximumIterations
        self.redis = redis
    }

    public init(environment: Environment) throws(ConfigurationError) {
        let budgetVariable = "FIELDOPS_SCHEDULER_TIME_BUDGET_MS"
        timeBudget = try environment.milliseconds(budgetVariable, default: .seconds(2))
        guard timeBudget > .zero else {
            throw ConfigurationError(variable: budgetVariable, value: "0", expected: "a positive number of milliseconds")
        }
        let ttlVariable = "FIELDOPS_SCHEDULER_LOCK_TTL_MS"
        lockTTL = try environment.milliseconds(ttlVariable, default: .seconds(60))
        guard lockTTL > timeBudget * 2 else {
            throw ConfigurationError(
                variable: ttlVariable, value: String(lockTTL.wholeMilliseconds), expected: "more than twice the time budget (\(timeBudget.wholeMilliseconds) ms)"
            )
        }
        lockWait = try environment.milliseconds("FIELDOPS_SCHEDULER_LOCK_WAIT_MS", default: .seconds(10))
        let iterations = try environment.int("FIELDOPS_SCHEDULER_MAX_ITERATIONS", default: 0)
        maximumIterations = iterations > 0 ? iterations : nil
        redis = try RedisConfiguration(environment: environment)
    }
}
