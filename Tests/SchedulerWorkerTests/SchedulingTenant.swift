import Domain
import FieldOpsCore
import Foundation
import Planning
import Postgres
import Redis
import Tenancy
import TestSupport
import Testing

/// A provisioned tenant (its own database, every tenant migration) with a planning day fixture and
/// a scheduler over the real Redis; the tenant is abandoned afterwards whatever happened.
struct SchedulingTenant {
    let slug: String
    let pool: PostgresPool
    let fixture: PlanningDayFixture
    let redis: RedisPool

    /// A Tuesday far from any clock change.
    static let day = "2030-03-12"

    static func run(_ body: (SchedulingTenant) async throws -> Void) async throws {
        let controlPlane = try await TestServices.controlPlanePool()
        let configuration = try TenancyConfiguration(environment: TestServices.environment)
        let provisioner = try TenantProvisioner(controlPlane: controlPlane, configuration: configuration, logger: TestServices.logger)
        let databases = TenantDatabases(controlPlane: controlPlane, configuration: configuration, logger: TestServices.logger)
        let redis = try TestServices.redisPool()
        let slug = TestServices.uniqueName("plan")
        let outcome: Result<Void, any Error>
        do {
            _ = try await provisioner.provision(slug: slug, name: "Entreprise \(slug)", sector: "btp", adminEmail: "admin@\(slug).example")
            let pool = try await databases.pool(for: slug)
            outcome = .success(try await body(SchedulingTenant(slug: slug, pool: pool, fixture: PlanningDayFixture(pool: pool, day: day), redis: redis)))
        } catch {
            outcome = .failure(error)
        }
        await databases.close()
        try? await provisioner.abandon(slug)
        await redis.close()
        await controlPlane.close()
        try outcome.get()
    }

    func scheduler(timeBudget: Duration = .milliseconds(200), lockWait: Duration = .seconds(5)) throws -> DayScheduler {
        DayScheduler(
            configuration: SchedulerConfiguration(
                timeBudget: timeBudget, lockTTL: .seconds(30), lockWait: lockWait, maximumIterations: 200, redis: try RedisConfiguration(url: TestServices.redisURL)
            ),
            redis: redis
        )
    }

    static let audit = AuditContext(actor: "worker:scheduler", requestID: nil)

    /// Runs `request` as the worker would for a message of its own.
    func run(_ request: DayRequest, on scheduler: DayScheduler? = nil) async throws -> DayPlanReport {
        try await (scheduler ?? self.scheduler()).run(
            request, tenant: slug, messageID: UUID().uuidString, queue: "fieldops.scheduler", audit: Self.audit, on: pool
        )
    }

    /// Rows of the tenant's audit trail written by the scheduler.
    func schedulerAuditEntries() async throws -> Int {
        try await pool.query("SELECT count(*)::int8 FROM audit_log WHERE actor = 'worker:scheduler'")[0].decode(Int.self, at: 0)
    }
}
