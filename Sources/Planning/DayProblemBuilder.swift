import Foundation
import Geo
import Scheduling

/// Turns a day's stored records into the solver's problem (values in, values out):
///
/// * technicians: active, on shift that day, with a home base (start and end of their day); several
///   shifts become one span whose gaps are absences;
/// * movable work: in scope, waiting (`planned`) or booked but neither pinned nor in progress; its
///   duration is the duration model's estimate when a model exists, else the template's;
/// * fixed work: booked and pinned, in progress, or out of scope — pinned at its stored technician
///   and start, its window the stored span, so it is kept exactly.
///
/// `moving` is the intervention a dispatcher drags: it is built as movable work whatever its state,
/// and a pin keeps only its technician (a pinned intervention may change time, not hands).
enum DayProblemBuilder {
    static func build(
        _ records: PlanningDayRecords, scope: PlanningScope, moving: UUID? = nil, weights: ObjectiveWeights = ObjectiveWeights()
    ) -> DayProblem {
        let day = records.day
        var technicians: [Technician] = []
        var excluded: [ExcludedTechnician] = []
        for record in records.technicians where !record.shifts.isEmpty {
            guard let home = record.home else {
                excluded.append(ExcludedTechnician(technicianID: record.id.lowercased, reason: .noHomeBase))
                continue
            }
            technicians.append(technician(record, home: home))
        }
        let planned = Set(technicians.map(\.id))

        var interventions: [Intervention] = []
        var pinned: [PinnedAssignment] = []
        var movable: [UUID: InterventionRecord] = [:]
        var bookings: [Booking] = []
        for record in records.interventions {
            if record.isBooked, let technician = record.technicianID?.lowercased, let span = record.scheduled, planned.contains(technician) {
                bookings.append(Booking(interventionID: record.id.lowercased, technicianID: technician, span: span))
            }
            let fixed = record.id != moving && record.isBooked && (record.pinned || record.status == "in_progress" || !scope.includes(record))
            if record.id == moving, record.pinned, let technician = record.technicianID?.lowercased, planned.contains(technician) {
                pinned.append(PinnedAssignment(interventionID: record.id.lowercased, technicianID: technician))
            }
            if fixed {
                guard let technician = record.technicianID?.lowercased, let span = record.scheduled, planned.contains(technician) else { continue }
                let work = intervention(record, duration: span.length, window: span)
                interventions.append(work)
                pinned.append(PinnedAssignment(interventionID: work.id, technicianID: technician, start: span.start))
            } else if scope.includes(record) || record.id == moving {
                let duration = records.durationModel?.predict(
                    workType: record.workType, siteType: record.siteType, technicianID: nil, templateMinutes: record.estimatedMinutes
                ) ?? record.estimatedMinutes
                let start = max(0, record.windowStart ?? 0)
                let end = max(start, min(day.lengthMinutes, record.windowEnd ?? day.lengthMinutes))
                interventions.append(intervention(record, duration: duration, window: MinuteInterval(start: start, end: end)))
                movable[record.id] = record
            }
        }
        let problem = SchedulingProblem(
            day: day.ordinal, technicians: technicians, interventions: interventions, travel: records.travel, weights: weights, pinned: pinned
        )
        return DayProblem(day: day, problem: problem, movable: movable, bookings: bookings, excludedTechnicians: excluded)
    }

    private static func technician(_ record: TechnicianRecord, home: GeoPoint) -> Technician {
        let shifts = record.shifts.sorted { $0.start < $1.start }
        let span = MinuteInterval(start: shifts[0].start, end: shifts.map(\.end).max()!)
        var gaps: [MinuteInterval] = []
        var reached = span.start
        for shift in shifts {
            if shift.start > reached { gaps.append(MinuteInterval(start: reached, end: shift.start)) }
            reached = max(reached, shift.end)
        }
        let absences = (record.absences + gaps).map { MinuteInterval(start: max($0.start, span.start), end: min($0.end, span.end)) }.filter { $0.length > 0 }
        return Technician(id: record.id.lowercased, skills: record.skills, shift: span, absences: absences, start: home, end: home)
    }

    private static func intervention(_ record: InterventionRecord, duration: Int, window: MinuteInterval) -> Intervention {
        Intervention(
            id: record.id.lowercased, requiredSkills: record.requiredSkills.map { SkillRequirement(skill: $0) }, durationMinutes: duration,
            window: window, priority: Priority(rawValue: record.priority) ?? .normal, deadline: record.deadline, location: record.location
        )
    }
}

extension UUID {
    /// The form PostgreSQL prints and the API speaks.
    var lowercased: String { uuidString.lowercased() }
}
