import Geo

/// A technician as the solver sees one day of theirs.
public struct Technician: Hashable, Sendable, Codable {
    public var id: String
    public var skills: [SkillCertification]
    /// The working day: leaves `start` no earlier than `shift.start`, back at `end` by `shift.end`.
    public var shift: MinuteInterval
    /// Spans inside the shift when no intervention may take place (appointments, training, a break).
    public var absences: [MinuteInterval]
    /// Where the day starts: the live GPS position when known, else the home base.
    public var start: GeoPoint
    /// Where the day ends (home base).
    public var end: GeoPoint
    /// Minutes of work already committed for the day outside this problem; counts toward workload.
    public var currentLoadMinutes: Int

    public init(
        id: String, skills: [SkillCertification], shift: MinuteInterval, absences: [MinuteInterval] = [],
        start: GeoPoint, end: GeoPoint? = nil, currentLoadMinutes: Int = 0
    ) {
        self.id = id
        self.skills = skills
        self.shift = shift
        self.absences = absences
        self.start = start
        self.end = end ?? start
        self.currentLoadMinutes = currentLoadMinutes
    }
}

extension Technician {
    /// What this technician lacks for the intervention on the day; empty when qualified.
    public func skillGaps(for intervention: Intervention, on day: Int) -> [SkillGap] {
        SkillMatch(technician: self, requirements: intervention.requiredSkills, day: day).gaps
    }
}
