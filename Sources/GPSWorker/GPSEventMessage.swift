#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GPS
import Mesh

/// A derived GPS event on `fieldops.events`, routing key `gps.<kind>` (`gps.geofence.entered`,
/// `gps.stop.started`, …). Its message id is derived from the event itself, so an event derived
/// again after a crash carries the same id and consumers drop the repeat.
public struct GPSEventMessage: MeshMessage, Equatable {
    public static let type = "gps.event.v1"

    public var event: DeviceEvent
    /// The vehicle carrying the tracker, when one does.
    public var vehicleID: UUID?

    public init(event: DeviceEvent, vehicleID: UUID?) {
        self.event = event
        self.vehicleID = vehicleID
    }

    enum CodingKeys: String, CodingKey {
        case event, vehicleID = "vehicle_id"
    }
}
