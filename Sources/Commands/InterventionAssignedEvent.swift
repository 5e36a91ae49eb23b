import Mesh

/// The scheduler gave an intervention a technician and a time (new, or moved).
public struct InterventionAssignedEvent: MeshMessage, Equatable {
    public static let type = "intervention.assigned.v1"
    public static let routingKey = "intervention.assigned"

    public var interventionID: String
    public var technicianID: String
    /// ISO 8601 instants.
    public var scheduledStart: String
    public var scheduledEnd: String

    public init(interventionID: String, technicianID: String, scheduledStart: String, scheduledEnd: String) {
        self.interventionID = interventionID
        self.technicianID = technicianID
        self.scheduledStart = scheduledStart
        self.scheduledEnd = scheduledEnd
    }

    enum CodingKeys: String, CodingKey {
        case interventionID = "intervention_id", technicianID = "technician_id"
        case scheduledStart = "scheduled_start", scheduledEnd = "scheduled_end"
    }
}
