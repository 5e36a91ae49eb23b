import Mesh

/// Work that must be placed on a day now (a breakdown, a safety issue). The scheduler first tries
/// to fit it around the day as planned, and replans the day's movable work only if it does not fit.
public struct InterventionUrgentEvent: MeshMessage, Equatable {
    public static let type = "intervention.urgent.v1"
    public static let routingKey = "intervention.urgent"

    public var interventionID: String
    /// `YYYY-MM-DD`, in the tenant's planning time zone.
    public var day: String

    public init(interventionID: String, day: String) {
        self.interventionID = interventionID
        self.day = day
    }

    enum CodingKeys: String, CodingKey {
        case interventionID = "intervention_id", day
    }

    public func validate() throws(MessageValidationError) {
        var checks = FieldChecks()
        checks.uuid(interventionID, "intervention_id")
        checks.day(day, "day")
        try checks.finish()
    }
}
