import FieldOpsCore
import Scheduling

extension MoveConflict {
    /// The conflict as a problem document member: a stable `code`, a sentence for the dispatcher,
    /// and the facts behind it (clock times are local to the planning day).
    public func described(on day: PlanningDay) -> JSONValue {
        func clock(_ minute: Int) -> String {
            let hours = minute / 60, minutes = minute % 60
            return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
        }
        func span(_ interval: MinuteInterval) -> String { clock(interval.start) + "–" + clock(interval.end) }
        func stop(_ id: String?, otherwise: String) -> String { id.map { "intervention \($0)" } ?? otherwise }

        let members: [String: JSONValue]
        switch self {
        case .unknownIntervention(let id):
            members = ["code": "unknown_intervention", "detail": .string("intervention \(id) is not plannable that day"), "intervention_id": .string(id)]
        case .unknownTechnician(let id):
            members = [
                "code": "technician_not_working", "technician_id": .string(id),
                "detail": .string("technician \(id) does not work that day (no shift, inactive, or no home base)"),
            ]
        case .pinnedToAnotherTechnician(let id):
            members = ["code": "pinned", "detail": .string("the intervention is pinned to technician \(id)"), "technician_id": .string(id)]
        case .skill(let gap):
            members = Self.skillMembers(gap)
        case .outsideWindow(let window):
            members = ["code": "outside_window", "detail": .string("the work must start and finish within \(span(window))"), "window": .string(span(window))]
        case .outsideShift(let shift):
            members = ["code": "outside_shift", "detail": .string("the technician works \(span(shift))"), "shift": .string(span(shift))]
        case .duringAbsence(let absence):
            members = ["code": "absence", "detail": .string("the technician is absent \(span(absence))"), "absence": .string(span(absence))]
        case .overlap(let id, let booked):
            members = [
                "code": "overlap", "detail": .string("it overlaps intervention \(id), booked \(span(booked))"),
                "intervention_id": .string(id), "booked": .string(span(booked)),
            ]
        case .travelFromPrevious(let id, let needed, let available):
            members = [
                "code": "travel_from_previous", "needed_minutes": .int(Int64(needed)), "available_minutes": .int(Int64(available)),
                "detail": .string("getting there from \(stop(id, otherwise: "the start of the day")) takes \(needed) min; \(available) min are free"),
            ]
        case .travelToNext(let id, let needed, let available):
            members = [
                "code": "travel_to_next", "needed_minutes": .int(Int64(needed)), "available_minutes": .int(Int64(available)),
                "detail": .string("getting to \(stop(id, otherwise: "the end of the day")) afterwards takes \(needed) min; \(available) min are free"),
            ]
        }
        return .object(members)
    }

    private static func skillMembers(_ gap: SkillGap) -> [String: JSONValue] {
        switch gap {
        case .missing(let requirement):
            ["code": "skill_missing", "skill": .string(requirement.skill), "detail": .string("the technician lacks \(requirement.skill)")]
        case .levelTooLow(let requirement, let held):
            [
                "code": "skill_level", "skill": .string(requirement.skill),
                "detail": .string("\(requirement.skill) needs level \(requirement.minimumLevel); the technician has \(held)"),
            ]
        case .expired(let requirement, let expiredOn):
            [
                "code": "skill_expired", "skill": .string(requirement.skill), "expired_on_day": .int(Int64(expiredOn)),
                "detail": .string("the technician's \(requirement.skill) certification has lapsed"),
            ]
        }
    }
}
