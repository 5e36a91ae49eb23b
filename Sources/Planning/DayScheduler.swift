import Domain
import Foundation
import Mesh
import Postgres
import Redis
import Scheduling

/// Plans a tenant's day: loads it, solves it within the time budget, and in commit mode writes the
/// plan under a Redis lock per (tenant, day) whose fencing token PostgreSQL checks at commit.
///
/// The lock keeps two schedulers from solving the same day at once (efficiency); the fence keeps a
/// scheduler whose lease ran out from overwriting a newer plan (correctness).
public struct DayScheduler: Sendable {
    public let configuration: SchedulerConfiguration
    private let redis: RedisPool
    private let solver: Solver

    /// `redis` holds the locks; the caller owns and closes it.
    public init(configuration: SchedulerConfiguration, redis: RedisPool) {
        self.configuration = configuration
        self.redis = redis
        solver = Solver(configuration: SolverConfiguration(maximumIterations: configuration.maximumIterations))
    }

    /// The lock of one tenant's day.
    public func lock(tenant: String, day: String) -> RedisLock {
        RedisLock(pool: redis, name: "schedule:\(tenant):\(day)")
    }

    /// The day's problem as stored now, the `scope` movable. `day` is a validated `YYYY-MM-DD`.
    public func load(day: String, scope: PlanningScope, on pool: PostgresPool) async throws -> DayProblem {
        let records = try await pool.withConnection { try await PlanningDayLoader.load(date: day, on: $0) }
        return DayProblemBuilder.build(records, scope: scope)
    }

    /// Solves the day. A technician whose fixed work no longer fits their day (an absence came after
    /// it was booked) is left out with that work kept as stored, and the rest is planned.
    public func solve(_ dayProblem: DayProblem, seed: UInt64) throws(UnplannableDay) -> SolvedDay {
        var current = dayProblem
        while true {
            do {
                return SolvedDay(dayProblem: current, plan: try solver.solve(current.problem, seed: seed, timeBudget: configuration.timeBudget))
            } catch .infeasiblePinnedWork(let technician) {
                current = current.excluding(technician: technician, reason: .fixedWorkDoesNotFit)
            } catch {
                throw UnplannableDay(day: dayProblem.day.date, error: error)
            }
        }
    }

    /// Writes a solved day with `fencingToken`, recording `messageID` in the inbox in the same
    /// transaction. Throws `StaleFencingToken` when a newer plan was committed, and
    /// `InterventionChangedDuringPlanning` when the data moved since the load.
    public func write(
        _ solved: SolvedDay, fencingToken: Int, messageID: String, queue: String, audit: AuditContext, on pool: PostgresPool
    ) async throws -> Inbox.Outcome<[AssignmentChange]> {
        try await Inbox.process(messageID: messageID, queue: queue, pool: pool) { connection in
            try await PlanCommit.write(solved, fencingToken: fencingToken, audit: audit, on: connection)
        }
    }

    /// Solves without writing anything.
    public func preview(day: String, scope: PlanningScope, seed: UInt64, on pool: PostgresPool) async throws -> DayPlanReport {
        DayPlanReport(try solve(try await load(day: day, scope: scope, on: pool), seed: seed), outcome: .preview)
    }

    /// Holds the day's lock while loading, solving and writing. When the plan of `scope` does not
    /// satisfy `enough` and a `widerScope` is given, the day is planned again with that one: an
    /// incremental replan first, a wider one only if it falls short.
    public func commit(
        tenant: String, day: String, scope: PlanningScope, widerScope: PlanningScope? = nil, seed: UInt64, messageID: String, queue: String,
        audit: AuditContext, on pool: PostgresPool, enough: (SchedulingPlan) -> Bool = { _ in true }
    ) async throws -> DayPlanReport {
        guard let lease = try await lock(tenant: tenant, day: day).acquire(ttl: configuration.lockTTL, waitingUpTo: configuration.lockWait) else {
            throw DayLockBusy(day: day)
        }
        do {
            var solved = try solve(try await load(day: day, scope: scope, on: pool), seed: seed)
            if let widerScope, !enough(solved.plan) {
                solved = try solve(try await load(day: day, scope: widerScope, on: pool), seed: seed)
            }
            var report = DayPlanReport(solved, outcome: .committed)
            report.fencingToken = lease.fencingToken
            do {
                switch try await write(solved, fencingToken: lease.fencingToken, messageID: messageID, queue: queue, audit: audit, on: pool) {
                case .processed(let changes): report.changes = changes
                case .duplicate: report.outcome = .duplicate
                }
            } catch is StaleFencingToken {
                report.outcome = .superseded
            }
            _ = try? await lease.release()
            return report
        } catch {
            _ = try? await lease.release()
            throw error
        }
    }
}
