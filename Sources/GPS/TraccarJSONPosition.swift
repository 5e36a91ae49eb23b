#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON variant of the OsmAnd protocol (Traccar Client 8 and background-geolocation apps):
/// `{"device_id": …, "location": {"timestamp": …, "coords": {"latitude": …, "longitude": …,
/// "speed": m/s, "heading": …, "altitude": …, "accuracy": …}, "battery": {"level": 0…1}, …}}`.
/// Negative speed, heading or accuracy mean "unknown" on phones and are dropped.
public struct TraccarJSONPosition: Decodable, Sendable {
    struct Location: Decodable, Sendable {
        struct Coordinates: Decodable, Sendable {
            var latitude: Double
            var longitude: Double
            var speed: Double?
            var heading: Double?
            var altitude: Double?
            var accuracy: Double?
        }

        struct Battery: Decodable, Sendable {
            var level: Double?
            var isCharging: Bool?

            enum CodingKeys: String, CodingKey {
                case level, isCharging = "is_charging"
            }
        }

        struct Activity: Decodable, Sendable {
            var type: String?
        }

        var timestamp: TimestampValue?
        var coords: Coordinates
        var battery: Battery?
        var isMoving: Bool?
        var event: String?
        var activity: Activity?

        enum CodingKeys: String, CodingKey {
            case timestamp, coords, battery, isMoving = "is_moving", event, activity
        }
    }

    var deviceID: String?
    var location: Location

    enum CodingKeys: String, CodingKey {
        case deviceID = "device_id", location
    }

    /// Decodes a body; `deviceID` (from an MQTT topic) wins over the body's `device_id`.
    public static func position(from body: [UInt8], deviceID: String? = nil, receivedAt: Int64) throws(PositionInputError) -> Position {
        let report: TraccarJSONPosition
        do {
            report = try JSONDecoder().decode(TraccarJSONPosition.self, from: Data(body))
        } catch {
            throw PositionInputError(field: "body", reason: "is not the OsmAnd JSON form (device_id, location.coords.latitude/longitude)")
        }
        return try report.position(deviceID: deviceID, receivedAt: receivedAt)
    }

    func position(deviceID override: String?, receivedAt: Int64) throws(PositionInputError) -> Position {
        guard let deviceID = override ?? self.deviceID, !deviceID.isEmpty, deviceID.utf8.count <= OsmAndRequest.maximumDeviceIDLength else {
            throw PositionInputError(field: "device_id", reason: "is missing or longer than \(OsmAndRequest.maximumDeviceIDLength) bytes")
        }
        let coords = location.coords
        var attributes: [String: String] = [:]
        if let moving = location.isMoving { attributes["motion"] = String(moving) }
        if let event = location.event { attributes["event"] = String(event.prefix(OsmAndRequest.maximumAttributeLength)) }
        if let activity = location.activity?.type { attributes["activity"] = String(activity.prefix(OsmAndRequest.maximumAttributeLength)) }
        if let charging = location.battery?.isCharging { attributes["charge"] = String(charging) }
        return Position(
            deviceID: deviceID, fixTime: try location.timestamp?.milliseconds(field: "location.timestamp") ?? receivedAt,
            latitude: coords.latitude, longitude: coords.longitude, speed: coords.speed.flatMap(Self.known),
            course: coords.heading.flatMap(Self.known), altitude: coords.altitude, accuracy: coords.accuracy.flatMap(Self.known),
            battery: location.battery?.level.flatMap(Self.known).map { $0 * 100 }, attributes: attributes
        )
    }

    private static func known(_ value: Double) -> Double? { value >= 0 ? value : nil }
}
