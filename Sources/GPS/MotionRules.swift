/// When a device counts as stopped, speeding or offline.
public struct MotionRules: Sendable, Equatable {
    /// At or below this speed (m/s) the device is still: 0.5 m/s absorbs GPS jitter of a parked van.
    public var stillSpeed: Double
    /// Still for this long is a stop; shorter is traffic.
    public var minimumStop: Duration
    /// Above this speed (m/s) is overspeed; nil when the tenant set no threshold.
    public var speedLimit: Double?
    /// No fix for this long and the device is offline.
    public var offlineAfter: Duration

    public init(stillSpeed: Double = 0.5, minimumStop: Duration = .seconds(300), speedLimit: Double? = nil, offlineAfter: Duration = .seconds(600)) {
        self.stillSpeed = stillSpeed
        self.minimumStop = minimumStop
        self.speedLimit = speedLimit
        self.offlineAfter = offlineAfter
    }
}
