/// One position of a `POST /v1/gps/positions` batch; the device comes from the caller's device token.
/// `fix_time` is epoch seconds or milliseconds, or ISO-8601; `speed` is in metres per second.
public struct PositionReport: Decodable, Sendable {
    var fixTime: TimestampValue
    var latitude: Double
    var longitude: Double
    var speed: Double?
    var course: Double?
    var altitude: Double?
    var accuracy: Double?
    var hdop: Double?
    var battery: Double?
    var valid: Bool?
    var attributes: [String: String]?

    enum CodingKeys: String, CodingKey {
        case fixTime = "fix_time", latitude, longitude, speed, course, altitude, accuracy, hdop, battery, valid, attributes
    }

    public func position(deviceID: String, index: Int) throws(PositionInputError) -> Position {
        let attributes = attributes ?? [:]
        guard attributes.count <= OsmAndRequest.maximumAttributes,
              attributes.allSatisfy({ $0.key.utf8.count <= 64 && $0.value.utf8.count <= OsmAndRequest.maximumAttributeLength })
        else {
            throw PositionInputError(field: "positions.\(index).attributes", reason: "has more than \(OsmAndRequest.maximumAttributes) entries or too long ones")
        }
        return Position(
            deviceID: deviceID, fixTime: try fixTime.milliseconds(field: "positions.\(index).fix_time"), latitude: latitude, longitude: longitude,
            speed: speed, course: course, altitude: altitude, accuracy: accuracy, hdop: hdop, battery: battery, valid: valid ?? true,
            attributes: attributes
        )
    }
}
