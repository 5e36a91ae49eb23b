#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A device's latest position as the live map shows it.
public struct LivePosition: Sendable, Equatable, Codable {
    public var deviceID: String
    public var vehicleID: UUID?
    public var latitude: Double
    public var longitude: Double
    /// Milliseconds since the epoch.
    public var fixTime: Int64
    /// Metres per second.
    public var speed: Double?
    public var course: Double?

    public init(deviceID: String, vehicleID: UUID?, latitude: Double, longitude: Double, fixTime: Int64, speed: Double?, course: Double?) {
        self.deviceID = deviceID
        self.vehicleID = vehicleID
        self.latitude = latitude
        self.longitude = longitude
        self.fixTime = fixTime
        self.speed = speed
        self.course = course
    }

    enum CodingKeys: String, CodingKey {
        case deviceID = "device_id", vehicleID = "vehicle_id", latitude, longitude, fixTime = "fix_time", speed, course
    }
}
