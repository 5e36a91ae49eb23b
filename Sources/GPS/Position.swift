import Geo

/// One fix reported by a tracker, in SI units: metres, metres per second, degrees, milliseconds
/// since the Unix epoch (UTC).
public struct Position: Sendable, Hashable, Codable {
    public var deviceID: String
    /// When the tracker took the fix.
    public var fixTime: Int64
    public var latitude: Double
    public var longitude: Double
    /// Metres per second.
    public var speed: Double?
    /// Degrees clockwise from north, 0 ..< 360.
    public var course: Double?
    public var altitude: Double?
    /// Horizontal accuracy in metres.
    public var accuracy: Double?
    public var hdop: Double?
    /// Battery level in percent.
    public var battery: Double?
    /// False when the tracker itself says the fix is not reliable (no satellite lock).
    public var valid: Bool
    /// Whatever else the tracker sent, kept as text.
    public var attributes: [String: String]

    public init(
        deviceID: String, fixTime: Int64, latitude: Double, longitude: Double, speed: Double? = nil, course: Double? = nil,
        altitude: Double? = nil, accuracy: Double? = nil, hdop: Double? = nil, battery: Double? = nil, valid: Bool = true,
        attributes: [String: String] = [:]
    ) {
        self.deviceID = deviceID
        self.fixTime = fixTime
        self.latitude = latitude
        self.longitude = longitude
        self.speed = speed
        self.course = course
        self.altitude = altitude
        self.accuracy = accuracy
        self.hdop = hdop
        self.battery = battery
        self.valid = valid
        self.attributes = attributes
    }

    public var point: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }

    enum CodingKeys: String, CodingKey {
        case deviceID = "device_id", fixTime = "fix_time", latitude, longitude, speed, course, altitude, accuracy, hdop, battery, valid, attributes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            deviceID: try container.decode(String.self, forKey: .deviceID), fixTime: try container.decode(Int64.self, forKey: .fixTime),
            latitude: try container.decode(Double.self, forKey: .latitude), longitude: try container.decode(Double.self, forKey: .longitude),
            speed: try container.decodeIfPresent(Double.self, forKey: .speed), course: try container.decodeIfPresent(Double.self, forKey: .course),
            altitude: try container.decodeIfPresent(Double.self, forKey: .altitude),
            accuracy: try container.decodeIfPresent(Double.self, forKey: .accuracy), hdop: try container.decodeIfPresent(Double.self, forKey: .hdop),
            battery: try container.decodeIfPresent(Double.self, forKey: .battery), valid: try container.decodeIfPresent(Bool.self, forKey: .valid) ?? true,
            attributes: try container.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(deviceID, forKey: .deviceID)
        try container.encode(fixTime, forKey: .fixTime)
        try container.encode(latitude, forKey: .latitude)
        try container.encode(longitude, forKey: .longitude)
        try container.encodeIfPresent(speed, forKey: .speed)
        try container.encodeIfPresent(course, forKey: .course)
        try container.encodeIfPresent(altitude, forKey: .altitude)
        try container.encodeIfPresent(accuracy, forKey: .accuracy)
        try container.encodeIfPresent(hdop, forKey: .hdop)
        try container.encodeIfPresent(battery, forKey: .battery)
        if !valid { try container.encode(valid, forKey: .valid) }
        if !attributes.isEmpty { try container.encode(attributes, forKey: .attributes) }
    }
}
