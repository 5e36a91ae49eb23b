/// A fact derived from a device's positions, published on `fieldops.events` as `gps.<kind>`.
public struct DeviceEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case geofenceEntered = "geofence.entered"
        case geofenceExited = "geofence.exited"
        case stopStarted = "stop.started"
        case stopEnded = "stop.ended"
        case tripStarted = "trip.started"
        case tripEnded = "trip.ended"
        case overspeed = "overspeed"
        /// The first fix after the device was offline (or ever seen).
        case deviceOnline = "device.online"
        /// No fix for the tenant's `offline_after_seconds`: at the last fix plus that time.
        case deviceOffline = "device.offline"
    }

    public var kind: Kind
    public var deviceID: String
    /// When it happened (milliseconds since the epoch): the fix that showed it, or for a stop the
    /// moment the device became still.
    public var at: Int64
    public var latitude: Double
    public var longitude: Double
    /// For geofence events the site; for a stop that started, the site it is in, if any.
    public var siteID: String?
    /// For a stop that ended or a trip that ended: how long it lasted.
    public var durationSeconds: Int64?
    /// For a trip that ended: metres driven.
    public var distanceMeters: Double?
    /// For overspeed: the speed measured (m/s).
    public var speed: Double?

    public init(
        kind: Kind, deviceID: String, at: Int64, latitude: Double, longitude: Double, siteID: String? = nil,
        durationSeconds: Int64? = nil, distanceMeters: Double? = nil, speed: Double? = nil
    ) {
        self.kind = kind
        self.deviceID = deviceID
        self.at = at
        self.latitude = latitude
        self.longitude = longitude
        self.siteID = siteID
        self.durationSeconds = durationSeconds
        self.distanceMeters = distanceMeters
        self.speed = speed
    }

    /// The same event computed twice (a redelivered batch) has the same key, so consumers can
    /// drop the repeat.
    public var key: String { "\(deviceID)|\(kind.rawValue)|\(at)|\(siteID ?? "")" }

    /// The routing key on `fieldops.events`.
    public var routingKey: String { "gps." + kind.rawValue }

    enum CodingKeys: String, CodingKey {
        case kind, deviceID = "device_id", at, latitude, longitude, siteID = "site_id", durationSeconds = "duration_seconds"
        case distanceMeters = "distance_meters", speed
    }
}
