import AMQP
import Commands
import Foundation
import Jobs
import Mesh
import Postgres
import Telemetry
import Tenancy

/// Submits the scheduled reports of every active tenant (or one): a job per report with an id
/// derived from tenant, report and period, so a second run of the same schedule finds the jobs and
/// submits nothing again. A job whose publish is not confirmed is removed, so the next run retries it.
public struct ReportScheduler: Sendable {
    private let controlPlane: PostgresPool
    private let tenants: TenantDatabases
    private let broker: AMQPConnection
    private let logger: Logger

    public init(controlPlane: PostgresPool, tenants: TenantDatabases, broker: AMQPConnection, logger: Logger) {
        self.controlPlane = controlPlane
        self.tenants = tenants
        self.broker = broker
        self.logger = logger
    }

    public struct Outcome: Sendable, Equatable {
        public var submitted: [UUID] = []
        /// Already submitted by an earlier run.
        public var existing: [UUID] = []
        /// Tenants whose reports could not be submitted, with the reason.
        public var failures: [String: String] = [:]
    }

    public func run(_ cadence: ReportCadence, today: Date = Date(), tenant only: String? = nil) async throws -> Outcome {
        let slugs = try await controlPlane.query("""
            SELECT slug FROM tenants WHERE status = 'active' AND (\(only)::text IS NULL OR slug = \(only)) ORDER BY slug
            """).decode(String.self)
        var outcome = Outcome()
        for slug in slugs {
            do {
                try await submit(cadence, today: today, tenant: slug, into: &outcome)
            } catch {
                logger.error("scheduled reports not submitted", ["tenant": slug, "error": "\(error)"])
                outcome.failures[slug] = "\(error)"
            }
        }
        return outcome
    }

    private func submit(_ cadence: ReportCadence, today: Date, tenant: String, into outcome: inout Outcome) async throws {
        let sites = cadence == .daily
            ? try await tenants.pool(for: tenant).query("SELECT id FROM sites WHERE status = 'active' ORDER BY code").decode(UUID.self)
            : []
        let jobs = JobStore(pool: controlPlane)
        for command in cadence.commands(endingBefore: today, activeSites: sites) {
            let id = ReportCadence.jobID(tenant: tenant, command: command)
            do {
                try await jobs.create(id: id, tenant: tenant, kind: ReportRenderCommand.type, submittedBy: ReportRenderCommand.scheduledSubmitter,
                                      payload: Array(try JSONEncoder().encode(command)))
            } catch let error as PostgresError where error.sqlState == "23505" {
                outcome.existing.append(id)
                continue
            }
            do {
                _ = try await MeshPublisher(connection: broker, appID: "fieldopsctl").publish(
                    command, routingKey: ReportRenderCommand.routingKey, tenant: tenant, jobID: id, trace: .random()
                )
            } catch {
                try? await jobs.discard(id: id)
                throw error
            }
            outcome.submitted.append(id)
        }
    }
}
