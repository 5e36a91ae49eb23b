import Foundation
import Mesh
import Scheduling

/// A commit carried a fencing token older than the day's: another scheduler took the day's lock
/// after this one's lease ran out and committed a newer plan, which stands.
public struct StaleFencingToken: Error, Sendable, Equatable, CustomStringConvertible {
    public let day: String
    public let token: Int
    public let current: Int

    public var description: String {
        "the plan of \(day) was superseded: fencing token \(token) is not newer than the committed \(current)"
    }
}

/// An intervention changed (a manual move, a status change) between loading the day and writing
/// the plan; planning again from fresh data will succeed.
public struct InterventionChangedDuringPlanning: Error, Sendable, Equatable, CustomStringConvertible {
    public let interventionID: UUID

    public var description: String {
        "intervention \(interventionID.uuidString.lowercased()) changed while its day was being planned"
    }
}

/// Another scheduler held the day's lock for longer than the wait; the message is retried later.
public struct DayLockBusy: Error, Sendable, Equatable, CustomStringConvertible {
    public let day: String

    public var description: String { "another scheduler is planning \(day)" }
}

/// The stored day is not a problem the solver accepts; retrying cannot change that.
public struct UnplannableDay: PermanentFailure, Sendable, CustomStringConvertible {
    public let day: String
    public let error: SchedulingInputError

    public var description: String { "\(day) cannot be planned: \(error)" }
}
