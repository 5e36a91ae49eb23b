import Geo

/// Travel time between two points: great-circle distance × detour factor ÷ the tenant's average
/// speed, rounded up to whole minutes (plans are in whole minutes, and rounding up never promises
/// an arrival the road cannot keep).
public struct TravelModel: Hashable, Sendable, Codable {
    public var speedKilometresPerHour: Double
    public var detourFactor: Double

    public init(speedKilometresPerHour: Double, detourFactor: Double = 1.3) {
        self.speedKilometresPerHour = speedKilometresPerHour
        self.detourFactor = detourFactor
    }

    var isValid: Bool {
        speedKilometresPerHour.isFinite && speedKilometresPerHour > 0 && detourFactor.isFinite && detourFactor >= 1
    }

    public func minutes(from origin: GeoPoint, to destination: GeoPoint) -> Int {
        let hours = origin.distance(to: destination) / 1_000 * detourFactor / speedKilometresPerHour
        return Int((hours * 60).rounded(.up))
    }
}
