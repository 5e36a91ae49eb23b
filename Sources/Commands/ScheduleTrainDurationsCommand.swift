import Mesh

/// Refit a tenant's duration model from its finished interventions; the scheduler uses the newest
/// model for every estimate afterwards.
public struct ScheduleTrainDurationsCommand: MeshMessage, Equatable {
    public static let type = "schedule.train-durations.v1"
    public static let routingKey = "schedule.train-durations"

    /// Interventions completed within this many days are the history.
    public var lookbackDays: Int
    /// The newest share of the history kept out of the fit to score the model against the template.
    public var heldOutFraction: Double

    public init(lookbackDays: Int = 365, heldOutFraction: Double = 0.2) {
        self.lookbackDays = lookbackDays
        self.heldOutFraction = heldOutFraction
    }

    enum CodingKeys: String, CodingKey {
        case lookbackDays = "lookback_days", heldOutFraction = "held_out_fraction"
    }

    public func validate() throws(MessageValidationError) {
        var problems: [String: String] = [:]
        if !(1...3_650).contains(lookbackDays) { problems["lookback_days"] = "must be 1 to 3650" }
        if !(heldOutFraction >= 0 && heldOutFraction < 1) { problems["held_out_fraction"] = "must be at least 0 and below 1" }
        guard problems.isEmpty else { throw MessageValidationError(problems) }
    }
}
