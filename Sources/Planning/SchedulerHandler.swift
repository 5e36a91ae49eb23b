import AMQP
import Commands
import Domain
import Foundation
import Mesh
import Postgres
import Tenancy

/// The scheduler worker's handler: plans days on command, replans on absences and urgent work,
/// retrains duration models, and announces every booking it changes on `fieldops.events`.
public struct SchedulerHandler: MessageHandler {
    public enum Output: Encodable, Sendable {
        case plan(DayPlanReport)
        case training(DurationTraining.Result)

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .plan(let report): try report.encode(to: encoder)
            case .training(let result): try result.encode(to: encoder)
            }
        }
    }

    private let scheduler: DayScheduler
    private let tenants: TenantDatabases
    private let events: MeshPublisher

    public init(scheduler: DayScheduler, tenants: TenantDatabases, broker: AMQPConnection) {
        self.scheduler = scheduler
        self.tenants = tenants
        events = MeshPublisher(connection: broker, appID: "scheduler")
    }

    public func handle(_ message: SchedulerMessage, context: MessageContext) async throws -> Output {
        // A tenant that no longer exists parks the message at once (`TenancyError` is `RetryAdvice`).
        let pool = try await tenants.pool(for: context.tenant)
        let request: DayRequest
        switch message {
        case .trainDurations(let command): return .training(try await DurationTraining().train(command, on: pool))
        case .assign(let command): request = DayRequest(command)
        case .technicianAbsent(let event): request = try DayRequest(event)
        case .interventionUrgent(let event): request = try DayRequest(event)
        }
        let report = try await scheduler.run(
            request, tenant: context.tenant, messageID: context.messageID, queue: context.queue,
            audit: AuditContext(actor: "worker:scheduler", requestID: context.messageID), on: pool
        )
        try await announce(report.changes, context: context)
        context.logger.info("day planned", [
            "day": report.day, "outcome": report.outcome.rawValue, "assigned": "\(report.assignments.count)",
            "unassigned": "\(report.unassigned.count)", "changes": "\(report.changes.count)",
        ])
        return .plan(report)
    }

    /// After the commit, each confirmed by the broker. A failed publish fails the message; its
    /// redelivery finds the plan in the inbox and writes nothing twice, but does not announce that
    /// commit's changes again (no outbox yet: consumers re-read the intervention when in doubt).
    private func announce(_ changes: [AssignmentChange], context: MessageContext) async throws {
        for change in changes {
            switch change.kind {
            case .assigned:
                try await events.publish(
                    InterventionAssignedEvent(
                        interventionID: change.interventionID, technicianID: change.technicianID,
                        scheduledStart: change.start?.formatted(.iso8601) ?? "", scheduledEnd: change.end?.formatted(.iso8601) ?? ""
                    ),
                    exchange: MeshExchange.events, routingKey: InterventionAssignedEvent.routingKey, tenant: context.tenant, trace: context.trace.child()
                )
            case .unassigned:
                try await events.publish(
                    InterventionUnassignedEvent(interventionID: change.interventionID, previousTechnicianID: change.technicianID, reason: change.reason ?? ""),
                    exchange: MeshExchange.events, routingKey: InterventionUnassignedEvent.routingKey, tenant: context.tenant, trace: context.trace.child()
                )
            }
        }
    }
}
