import Mesh

/// The scheduler took an intervention off a technician's day and found it no other place; it is
/// planned (waiting) again.
public struct InterventionUnassignedEvent: MeshMessage, Equatable {
    public static let type = "intervention.unassigned.v1"
    public static let routingKey = "intervention.unassigned"

    public var interventionID: String
    public var previousTechnicianID: String
    /// Why no technician could take it (the solver's diagnosis, in words).
    public var reason: String

    public init(interventionID: String, previousTechnicianID: String, reason: String) {
        self.interventionID = interventionID
        self.previousTechnicianID = previousTechnicianID
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case interventionID = "intervention_id", previousTechnicianID = "previous_technician_id", reason
    }
}
