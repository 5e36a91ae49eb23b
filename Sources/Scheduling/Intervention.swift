import Geo

/// Work to place on a technician's day.
public struct Intervention: Hashable, Sendable, Codable {
    public var id: String
    public var requiredSkills: [SkillRequirement]
    /// Estimated duration (a template, or `DurationModel`'s prediction).
    public var durationMinutes: Int
    /// The work must start and finish inside this window (the customer's availability).
    public var window: MinuteInterval
    public var priority: Priority
    /// Finishing after this minute costs lateness (the SLA); `nil` has no deadline.
    public var deadline: Int?
    public var location: GeoPoint

    public init(
        id: String, requiredSkills: [SkillRequirement], durationMinutes: Int, window: MinuteInterval,
        priority: Priority = .normal, deadline: Int? = nil, location: GeoPoint
    ) {
        self.id = id
        self.requiredSkills = requiredSkills
        self.durationMinutes = durationMinutes
        self.window = window
        self.priority = priority
        self.deadline = deadline
        self.location = location
    }
}

/// Priority scales the cost of lateness and of leaving the work unassigned.
public enum Priority: String, Hashable, Sendable, Codable, CaseIterable {
    case low, normal, high, urgent

    public var weight: Int {
        switch self {
        case .low: 1
        case .normal: 2
        case .high: 4
        case .urgent: 8
        }
    }
}

/// Work that must stay where it is: in progress, or fixed by a manager. The technician is kept;
/// with a `start`, so is the start minute.
public struct PinnedAssignment: Hashable, Sendable, Codable {
    public var interventionID: String
    public var technicianID: String
    public var start: Int?

    public init(interventionID: String, technicianID: String, start: Int? = nil) {
        self.interventionID = interventionID
        self.technicianID = technicianID
        self.start = start
    }
}
