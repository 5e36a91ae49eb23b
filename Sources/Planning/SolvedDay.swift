import Foundation
import Scheduling

/// A day's problem and the solver's plan for it: what a commit writes back.
public struct SolvedDay: Sendable {
    public let dayProblem: DayProblem
    public let plan: SchedulingPlan

    /// What writing the plan changes in the stored data, movable interventions only (fixed work is
    /// never written): new or moved bookings, and bookings taken back.
    var changes: [AssignmentChange] {
        let day = dayProblem.day
        let placed = Dictionary(uniqueKeysWithValues: plan.assignments.map { ($0.interventionID, $0) })
        let reasons = Dictionary(uniqueKeysWithValues: plan.unassigned.map { ($0.interventionID, $0.reason) })
        return dayProblem.movable.values.sorted { $0.id.uuidString < $1.id.uuidString }.compactMap { record in
            let id = record.id.lowercased
            if let assignment = placed[id] {
                let span = MinuteInterval(start: assignment.start, end: assignment.end)
                guard record.status == "planned" || record.technicianID?.lowercased != assignment.technicianID || record.scheduled != span else { return nil }
                return AssignmentChange(
                    interventionID: id, version: record.version, kind: .assigned, technicianID: assignment.technicianID,
                    start: day.instant(span.start), end: day.instant(span.end), reason: nil
                )
            }
            guard record.isBooked, let previous = record.technicianID?.lowercased else { return nil }
            return AssignmentChange(
                interventionID: id, version: record.version, kind: .unassigned, technicianID: previous, start: nil, end: nil,
                reason: reasons[id]?.sentence ?? "no place in the plan"
            )
        }
    }
}

/// One intervention whose booking a commit changes.
public struct AssignmentChange: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Encodable {
        /// Booked (newly, or at another technician or time).
        case assigned
        /// Taken off its technician's day: waiting (`planned`) again.
        case unassigned
    }

    public let interventionID: String
    /// The stored version the change was computed from; the write requires it unchanged.
    let version: Int
    public let kind: Kind
    /// The new technician, or the previous one when unassigned.
    public let technicianID: String
    /// The new booking; nil when unassigned.
    public let start: Date?
    public let end: Date?
    /// Why it could not stay or go elsewhere; nil when assigned.
    public let reason: String?

    enum CodingKeys: String, CodingKey {
        case interventionID = "intervention_id", kind, technicianID = "technician_id", start, end, reason
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(interventionID, forKey: .interventionID)
        try container.encode(kind, forKey: .kind)
        try container.encode(technicianID, forKey: .technicianID)
        try container.encodeIfPresent(start?.formatted(.iso8601), forKey: .start)
        try container.encodeIfPresent(end?.formatted(.iso8601), forKey: .end)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}
