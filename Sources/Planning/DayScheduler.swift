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

    /// Previews or commits the day as `request` says.
    public func run(_ request: DayRequest, tenant: String, messageID: String, queue: String, audit: AuditContext, on pool: PostgresPool) async throws -> DayPlanReport {
        guard request.mode == .commit else {
            return DayPlanReport(try solve(try await load(day: request.day, scope: request.scope, on: pool), seed: request.seed), outcome: .preview)
        }
        guard let lease = try await lock(tenant: tenant, day: request.day).acquire(ttl: configuration.lockTTL, waitingUpTo: configuration.lockWait) else {
            throw DayLockBusy(day: request.day)
        }
        do {
            let report = try await commit(request, lease: lease, messageID: messageID, queue: queue, audit: audit, on: pool)
            _ = try? await lease.release()
            return report
        } catch {
            _ = try? await lease.release()
            throw error
        }
    }

    /// Loads, solves (widening when the first plan misses what it must place) and writes, holding `lease`.
    private func commit(_ request: DayRequest, lease: LockLease, messageID: String, queue: String, audit: AuditContext, on pool: PostgresPool) async throws -> DayPlanReport {
        var solved = try solve(try await load(day: request.day, scope: request.scope, on: pool), seed: request.seed)
        if let widerScope = request.widerScope, let mustPlace = request.mustPlace?.lowercased,
            !solved.plan.assignments.contains(where: { $0.interventionID == mustPlace }) {
            solved = try solve(try await load(day: request.day, scope: widerScope, on: pool), seed: request.seed)
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
        return report
    }
}
