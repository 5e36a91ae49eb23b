#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a stored event keeps besides its columns (`gps_events.details`): the vehicle and the
/// measures of its kind.
public struct DeviceEventDetails: Sendable, Equatable, Codable {
    public var vehicleID: UUID?
    public var durationSeconds: Int64?
    public var distanceMeters: Double?
    public var speed: Double?

    public init(event: DeviceEvent, vehicleID: UUID?) {
        self.vehicleID = vehicleID
        durationSeconds = event.durationSeconds
        distanceMeters = event.distanceMeters
        speed = event.speed
    }

    enum CodingKeys: String, CodingKey {
        case vehicleID = "vehicle_id", durationSeconds = "duration_seconds", distanceMeters = "distance_meters", speed
    }
}
