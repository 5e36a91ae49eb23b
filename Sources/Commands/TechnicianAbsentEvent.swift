import Mesh

/// A technician became unavailable on a day (sick, called away) after it was planned. The scheduler
/// replans that technician's movable work of the day; everyone else's day stays as it is.
public struct TechnicianAbsentEvent: MeshMessage, Equatable {
    public static let type = "technician.absent.v1"
    public static let routingKey = "technician.absent"

    public var technicianID: String
    /// `YYYY-MM-DD`, in the tenant's planning time zone.
    public var day: String

    public init(technicianID: String, day: String) {
        self.technicianID = technicianID
        self.day = day
    }

    enum CodingKeys: String, CodingKey {
        case technicianID = "technician_id", day
    }

    public func validate() throws(MessageValidationError) {
        var checks = FieldChecks()
        checks.uuid(technicianID, "technician_id")
        checks.day(day, "day")
        try checks.finish()
    }
}
