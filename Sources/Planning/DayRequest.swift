import Commands
import Foundation
import Mesh

/// What a scheduler message asks of one day: preview or commit, what may move, and — for urgent
/// work — what the plan must place before a wider replan is tried.
public struct DayRequest: Sendable, Hashable {
    public var day: String
    public var mode: ScheduleAssignCommand.Mode
    public var scope: PlanningScope
    /// Planned with instead when the plan of `scope` leaves `mustPlace` unassigned.
    public var widerScope: PlanningScope?
    public var mustPlace: UUID?
    public var seed: UInt64

    public init(
        day: String, mode: ScheduleAssignCommand.Mode, scope: PlanningScope, widerScope: PlanningScope? = nil, mustPlace: UUID? = nil, seed: UInt64 = 0
    ) {
        self.day = day
        self.mode = mode
        self.scope = scope
        self.widerScope = widerScope
        self.mustPlace = mustPlace
        self.seed = seed
    }

    /// The whole day, a site, or a list of interventions, as the command says.
    public init(_ command: ScheduleAssignCommand) {
        let scope: PlanningScope = if let site = command.siteID.flatMap(UUID.init(uuidString:)) {
            .site(site)
        } else if let ids = command.interventionIDs {
            .interventions(Set(ids.compactMap(UUID.init(uuidString:))))
        } else {
            .day
        }
        self.init(day: command.day, mode: command.mode, scope: scope, seed: command.seed ?? 0)
    }

    /// Only the absent technician's movable work (and work nobody has) moves; other days stay put.
    public init(_ event: TechnicianAbsentEvent) throws(MessageValidationError) {
        guard let technician = UUID(uuidString: event.technicianID) else { throw MessageValidationError(["technician_id": "must be a UUID"]) }
        self.init(day: event.day, mode: .commit, scope: .technician(technician))
    }

    /// The urgent work is fitted around the day as planned; if it does not fit, the day's movable
    /// work is replanned around it (pinned and in-progress work still stays).
    public init(_ event: InterventionUrgentEvent) throws(MessageValidationError) {
        guard let urgent = UUID(uuidString: event.interventionID) else { throw MessageValidationError(["intervention_id": "must be a UUID"]) }
        self.init(day: event.day, mode: .commit, scope: .interventions([urgent]), widerScope: .day, mustPlace: urgent)
    }
}
