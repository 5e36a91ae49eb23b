/// When a device counts as stopped or speeding.
public struct MotionRules: Sendable, Equatable {
    /// At or below this speed (m/s) the device is still: 0.5 m/s absorbs GPS jitter of a parked van.
    public var stillSpeed: Double
    /// Still for this long is a stop; shorter is traffic.
    public var minimumStop: Duration
    /// Above this speed (m/s) is overspeed; nil when the tenant set no threshold.
    public var speedLimit: Double?

    public init(stillSpeed: Double = 0.5, minimumStop: Duration = .seconds(300), speedLimit: Double? = nil) {
        self.stillSpeed = stillSpeed
        self.minimumStop = minimumStop
        self.speedLimit = speedLimit
    }
}
