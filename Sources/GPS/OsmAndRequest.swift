/// The OsmAnd protocol as Traccar speaks it (Traccar Client, OsmAnd, many phone apps): one fix per
/// request as `key=value` parameters, from the query string or a form body.
///
/// `id`/`deviceid`; `lat`+`lon` or `location=lat,lon`; `timestamp` (see `FixTime`; absent → the
/// time the request arrived); `speed` in knots; `bearing`/`heading`; `altitude`; `accuracy`; `hdop`;
/// `batt`; `valid`; every other key is kept as an attribute.
public enum OsmAndRequest {
    public static let maximumAttributes = 32
    public static let maximumAttributeLength = 256
    public static let maximumDeviceIDLength = 128

    /// `receivedAt`: milliseconds since the epoch when the request arrived.
    public static func position(from parameters: [(name: String, value: String)], receivedAt: Int64) throws(PositionInputError) -> Position {
        var deviceID: String?
        var latitude: Double?
        var longitude: Double?
        var fixTime = receivedAt
        var position = Position(deviceID: "", fixTime: 0, latitude: 0, longitude: 0)
        for (name, value) in parameters {
            switch name {
            case "id", "deviceid": deviceID = value
            case "lat": latitude = try number(value, field: "lat")
            case "lon": longitude = try number(value, field: "lon")
            case "location":
                let parts = value.split(separator: ",", omittingEmptySubsequences: false)
                guard parts.count == 2 else { throw PositionInputError(field: "location", reason: "must be 'latitude,longitude'") }
                latitude = try number(parts[0], field: "location")
                longitude = try number(parts[1], field: "location")
            case "timestamp":
                guard let parsed = FixTime.parse(value) else {
                    throw PositionInputError(field: "timestamp", reason: "must be epoch seconds or milliseconds, ISO-8601 or 'yyyy-MM-dd HH:mm:ss'")
                }
                fixTime = parsed
            case "speed": position.speed = SpeedUnit.metersPerSecond(knots: try number(value, field: "speed"))
            case "bearing", "heading": position.course = try number(value, field: name)
            case "altitude": position.altitude = try number(value, field: "altitude")
            case "accuracy": position.accuracy = try number(value, field: "accuracy")
            case "hdop": position.hdop = try number(value, field: "hdop")
            case "batt": position.battery = try number(value, field: "batt")
            case "valid": position.valid = try flag(value)
            default: try keep(name: name, value: value, in: &position.attributes)
            }
        }
        guard let deviceID, !deviceID.isEmpty else { throw PositionInputError(field: "id", reason: "is missing (id or deviceid)") }
        guard deviceID.utf8.count <= maximumDeviceIDLength else {
            throw PositionInputError(field: "id", reason: "is longer than \(maximumDeviceIDLength) bytes")
        }
        guard let latitude, let longitude else {
            throw PositionInputError(field: "lat", reason: "is missing (lat and lon, or location=lat,lon)")
        }
        position.deviceID = deviceID
        position.fixTime = fixTime
        position.latitude = latitude
        position.longitude = longitude
        return position
    }

    static func number(_ text: some StringProtocol, field: String) throws(PositionInputError) -> Double {
        guard let value = Double(text.trimmingSpaces), value.isFinite else {
            throw PositionInputError(field: field, reason: "must be a number, got '\(text.prefix(32))'")
        }
        return value
    }

    private static func flag(_ text: String) throws(PositionInputError) -> Bool {
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw PositionInputError(field: "valid", reason: "must be true, false, 1 or 0")
        }
    }

    private static func keep(name: String, value: String, in attributes: inout [String: String]) throws(PositionInputError) {
        guard attributes.count < maximumAttributes else {
            throw PositionInputError(field: name, reason: "is one attribute too many (at most \(maximumAttributes))")
        }
        guard !name.isEmpty, name.utf8.count <= 64, value.utf8.count <= maximumAttributeLength else {
            throw PositionInputError(field: name.isEmpty ? "(empty name)" : String(name.prefix(64)), reason: "is too long an attribute")
        }
        attributes[name] = value
    }
}

extension StringProtocol {
    var trimmingSpaces: Substring {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
