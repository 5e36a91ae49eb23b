import Geo

/// What the event engine remembers of a device between batches; stored as JSON with the device.
public struct DeviceState: Sendable, Equatable, Codable {
    /// The newest fix that drove the engine; older ones arriving late are stored but drive nothing.
    public var lastFixTime: Int64?
    public var lastPoint: GeoPoint?
    /// Sites the device is inside, sorted.
    public var insideSites: [String] = []
    /// When the device became still, while it is.
    public var stillSince: Int64?
    public var stillPoint: GeoPoint?
    /// A stop was reported and has not ended.
    public var stopped = false
    /// The trip in progress: when it started, metres so far.
    public var tripStartedAt: Int64?
    public var tripDistance = 0.0
    public var overspeeding = false
    /// The fix that brought the device online; nil while it is offline (or was never seen). Optional
    /// so that states stored before presence was tracked decode as offline.
    public var onlineSince: Int64?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case lastFixTime = "last_fix_time", lastPoint = "last_point", insideSites = "inside_sites", stillSince = "still_since"
        case stillPoint = "still_point", stopped, tripStartedAt = "trip_started_at"
        case tripDistance = "trip_distance", overspeeding, onlineSince = "online_since"
    }
}
