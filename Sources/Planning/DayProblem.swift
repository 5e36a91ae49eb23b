import Foundation
import Scheduling

/// A day's planning problem together with what the stored data says, so a plan can be written back
/// as changes and a manual move checked against the bookings.
public struct DayProblem: Sendable {
    public let day: PlanningDay
    public private(set) var problem: SchedulingProblem
    /// The interventions the plan may move, as stored (version, booking, status).
    let movable: [UUID: InterventionRecord]
    /// The day's bookings as stored, on the technicians of the problem.
    public private(set) var bookings: [Booking]
    public private(set) var excludedTechnicians: [ExcludedTechnician]

    init(day: PlanningDay, problem: SchedulingProblem, movable: [UUID: InterventionRecord], bookings: [Booking], excludedTechnicians: [ExcludedTechnician]) {
        self.day = day
        self.problem = problem
        self.movable = movable
        self.bookings = bookings
        self.excludedTechnicians = excludedTechnicians
    }

    /// The same problem without one technician and their fixed work (which stays as stored); their
    /// movable work is open to the others.
    func excluding(technician id: String, reason: ExcludedTechnician.Reason) -> DayProblem {
        var copy = self
        let fixedWork = Set(problem.pinned.filter { $0.technicianID == id }.map(\.interventionID))
        copy.problem.technicians.removeAll { $0.id == id }
        copy.problem.pinned.removeAll { $0.technicianID == id }
        copy.problem.interventions.removeAll { fixedWork.contains($0.id) }
        copy.bookings.removeAll { $0.technicianID == id }
        copy.excludedTechnicians.append(ExcludedTechnician(technicianID: id, reason: reason))
        return copy
    }
}

/// A technician on shift that the plan leaves alone, and why.
public struct ExcludedTechnician: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Codable {
        /// No home base recorded: travel to and from their day cannot be timed.
        case noHomeBase = "no_home_base"
        /// Their pinned or in-progress work does not fit their day as stored (an absence or a shift
        /// change came after it was booked); it is kept as is and needs a dispatcher.
        case fixedWorkDoesNotFit = "fixed_work_does_not_fit"
    }

    public let technicianID: String
    public let reason: Reason

    enum CodingKeys: String, CodingKey {
        case technicianID = "technician_id", reason
    }
}
