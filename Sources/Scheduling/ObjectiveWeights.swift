/// The objective, in integer cost units (so that peers with integer objectives, such as OR-Tools
/// routing, optimise exactly the same number):
///
///     travelPerMinute    × minutes driven (from the start point, between interventions, back to the end point)
///   + latenessPerMinute  × priority weight × minutes finished past the deadline, per intervention
///   + imbalancePerMinute × minutes of a technician's day (current load + work + travel) above the fair share
///   + unassignedPenalty  × priority weight, per intervention left unassigned
///
/// The fair share is the problem's total load (current loads + estimated durations) divided by the
/// number of technicians: a constant of the problem, so the objective is a sum over technicians.
public struct ObjectiveWeights: Hashable, Sendable, Codable {
    public var travelPerMinute: Int
    public var latenessPerMinute: Int
    public var imbalancePerMinute: Int
    public var unassignedPenalty: Int

    public init(travelPerMinute: Int = 1, latenessPerMinute: Int = 2, imbalancePerMinute: Int = 1, unassignedPenalty: Int = 1000) {
        self.travelPerMinute = travelPerMinute
        self.latenessPerMinute = latenessPerMinute
        self.imbalancePerMinute = imbalancePerMinute
        self.unassignedPenalty = unassignedPenalty
    }
}
