/// A dispatcher's drag and drop: this intervention, to this technician, starting at this minute.
public struct ManualMove: Hashable, Sendable, Codable {
    public var interventionID: String
    public var technicianID: String
    public var start: Int

    public init(interventionID: String, technicianID: String, start: Int) {
        self.interventionID = interventionID
        self.technicianID = technicianID
        self.start = start
    }
}

/// One reason a manual move breaks a hard constraint, spelled out for the dispatcher.
public enum MoveConflict: Hashable, Sendable, Codable {
    case unknownIntervention(String)
    case unknownTechnician(String)
    case pinnedToAnotherTechnician(technicianID: String)
    case skill(SkillGap)
    case outsideWindow(window: MinuteInterval)
    case outsideShift(shift: MinuteInterval)
    case duringAbsence(MinuteInterval)
    case overlap(interventionID: String, MinuteInterval)
    /// Not enough time to get there from the previous stop (nil: the technician's start point).
    case travelFromPrevious(interventionID: String?, neededMinutes: Int, availableMinutes: Int)
    /// Not enough time to get to the next stop (nil: back to the end point before the shift ends).
    case travelToNext(interventionID: String?, neededMinutes: Int, availableMinutes: Int)
}

extension ManualMove {
    /// Every hard constraint the move would break among the day's `bookings` (a solved plan's, or
    /// the assignments as stored), none if it is valid. The intervention's own current booking is
    /// ignored: it is what moves.
    public func conflicts(in problem: SchedulingProblem, bookings: [Booking]) -> [MoveConflict] {
        guard let intervention = problem.interventions.first(where: { $0.id == interventionID }) else {
            return [.unknownIntervention(interventionID)]
        }
        guard let technician = problem.technicians.first(where: { $0.id == technicianID }) else {
            return [.unknownTechnician(technicianID)]
        }
        var conflicts: [MoveConflict] = []
        if let pin = problem.pinned.first(where: { $0.interventionID == interventionID }), pin.technicianID != technicianID {
            conflicts.append(.pinnedToAnotherTechnician(technicianID: pin.technicianID))
        }
        conflicts += technician.skillGaps(for: intervention, on: problem.day).map(MoveConflict.skill)
        let span = MinuteInterval(start: start, end: start + intervention.durationMinutes)
        if !intervention.window.contains(span) { conflicts.append(.outsideWindow(window: intervention.window)) }
        if !technician.shift.contains(span) { conflicts.append(.outsideShift(shift: technician.shift)) }
        conflicts += technician.absences.filter { $0.overlaps(span) }.map(MoveConflict.duringAbsence)

        let others = bookings.filter { $0.technicianID == technicianID && $0.interventionID != interventionID }.sorted { $0.span.start < $1.span.start }
        let locations = Dictionary(uniqueKeysWithValues: problem.interventions.map { ($0.id, $0.location) })
        for other in others where other.span.overlaps(span) {
            conflicts.append(.overlap(interventionID: other.interventionID, other.span))
        }
        let previous = others.last { $0.span.end <= span.start }
        let needed = problem.travel.minutes(from: previous.flatMap { locations[$0.interventionID] } ?? technician.start, to: intervention.location)
        let available = span.start - (previous?.span.end ?? technician.shift.start)
        if needed > available {
            conflicts.append(.travelFromPrevious(interventionID: previous?.interventionID, neededMinutes: needed, availableMinutes: available))
        }
        let next = others.first { $0.span.start >= span.end }
        let neededOnward = problem.travel.minutes(from: intervention.location, to: next.flatMap { locations[$0.interventionID] } ?? technician.end)
        let availableOnward = (next?.span.start ?? technician.shift.end) - span.end
        if neededOnward > availableOnward {
            conflicts.append(.travelToNext(interventionID: next?.interventionID, neededMinutes: neededOnward, availableMinutes: availableOnward))
        }
        return conflicts
    }
}

/// Work booked on a technician at a time: what a manual move must fit around.
public struct Booking: Hashable, Sendable, Codable {
    public var interventionID: String
    public var technicianID: String
    public var span: MinuteInterval

    public init(interventionID: String, technicianID: String, span: MinuteInterval) {
        self.interventionID = interventionID
        self.technicianID = technicianID
        self.span = span
    }
}

extension SchedulingPlan {
    public var bookings: [Booking] {
        assignments.map { Booking(interventionID: $0.interventionID, technicianID: $0.technicianID, span: MinuteInterval(start: $0.start, end: $0.end)) }
    }
}
