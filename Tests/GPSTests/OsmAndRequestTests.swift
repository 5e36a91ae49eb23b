import GPS
import Testing

@Suite("OsmAnd request parsing")
struct OsmAndRequestTests {
    let now: Int64 = 1_717_236_123_000

    func parse(_ pairs: [(String, String)]) throws(PositionInputError) -> Position {
        try OsmAndRequest.position(from: pairs.map { (name: $0.0, value: $0.1) }, receivedAt: now)
    }

    @Test("id, lat, lon, epoch seconds, speed in knots, bearing, altitude, accuracy, hdop, batt, valid")
    func everyKnownParameter() throws {
        let position = try parse([
            ("id", "123456"), ("lat", "48.8566"), ("lon", "2.3522"), ("timestamp", "1717236000"), ("speed", "10"),
            ("bearing", "271.5"), ("altitude", "35"), ("accuracy", "4.5"), ("hdop", "0.9"), ("batt", "87"), ("valid", "false"),
        ])
        #expect(position.deviceID == "123456")
        #expect(position.latitude == 48.8566 && position.longitude == 2.3522)
        #expect(position.fixTime == 1_717_236_000_000)
        #expect(abs(position.speed! - 5.14444) < 0.0001)
        #expect(position.course == 271.5)
        #expect(position.altitude == 35 && position.accuracy == 4.5 && position.hdop == 0.9 && position.battery == 87)
        #expect(position.valid == false)
        #expect(position.attributes.isEmpty)
    }

    @Test("timestamps: epoch seconds, epoch milliseconds, ISO-8601 with and without offset, the space form", arguments: [
        ("1717236000", Int64(1_717_236_000_000)),
        ("1717236000.5", 1_717_236_000_500),
        ("1717236000250", 1_717_236_000_250),
        ("2024-06-01T10:00:00Z", 1_717_236_000_000),
        ("2024-06-01T12:00:00.125+02:00", 1_717_236_000_125),
        ("2024-06-01T05:30:00-0430", 1_717_236_000_000),
        ("2024-06-01 10:00:00", 1_717_236_000_000),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
    ])
    func timestamps(text: String, expected: Int64) throws {
        #expect(try parse([("id", "a"), ("lat", "1"), ("lon", "2"), ("timestamp", text)]).fixTime == expected)
    }

    @Test("a malformed timestamp is refused with its field", arguments: ["yesterday", "2024-13-01T00:00:00Z", "2023-02-29 10:00:00", "2024-06-01T10:00"])
    func badTimestamp(text: String) {
        #expect(throws: PositionInputError.self) { try parse([("id", "a"), ("lat", "1"), ("lon", "2"), ("timestamp", text)]) }
        do {
            _ = try parse([("id", "a"), ("lat", "1"), ("lon", "2"), ("timestamp", text)])
        } catch {
            #expect(error.field == "timestamp")
        }
    }

    @Test("deviceid and location=lat,lon; heading; no timestamp means the time it arrived; other keys are attributes")
    func alternativeForms() throws {
        let position = try parse([("deviceid", "phone-7"), ("location", "45.764,4.8357"), ("heading", "90"), ("driverUniqueId", "D42"), ("charge", "true")])
        #expect(position.deviceID == "phone-7")
        #expect(position.latitude == 45.764 && position.longitude == 4.8357)
        #expect(position.course == 90)
        #expect(position.fixTime == now)
        #expect(position.valid)
        #expect(position.attributes == ["driverUniqueId": "D42", "charge": "true"])
    }

    @Test("a missing device or coordinate, or a non-number, is refused with the field named")
    func missingOrMalformed() {
        let cases: [([(String, String)], String)] = [
            ([("lat", "1"), ("lon", "2")], "id"),
            ([("id", "a"), ("lat", "1")], "lat"),
            ([("id", "a"), ("lat", "north"), ("lon", "2")], "lat"),
            ([("id", "a"), ("location", "1;2")], "location"),
            ([("id", "a"), ("lat", "1"), ("lon", "2"), ("speed", "fast")], "speed"),
            ([("id", "a"), ("lat", "1"), ("lon", "2"), ("valid", "maybe")], "valid"),
        ]
        for (pairs, field) in cases {
            do {
                _ = try parse(pairs)
                Issue.record("accepted \(pairs)")
            } catch {
                #expect(error.field == field)
            }
        }
    }

    @Test("a form body gives the same parameters as a query string")
    func formBody() throws {
        let parameters = try #require(FormParameters.parse(Array("id=van%201&lat=48.1&lon=2.2&timestamp=2024-06-01+10%3A00%3A00".utf8)))
        #expect(parameters.map(\.name) == ["id", "lat", "lon", "timestamp"])
        let position = try OsmAndRequest.position(from: parameters, receivedAt: now)
        #expect(position.deviceID == "van 1")
        #expect(position.fixTime == 1_717_236_000_000)
        #expect(FormParameters.parse(Array("id=%ZZ".utf8)) == nil)
    }

    @Test("the JSON variant: location.coords.*, speed in m/s, device_id, battery level as a fraction")
    func jsonVariant() throws {
        let body = """
            {"location": {"timestamp": "2024-06-01T10:00:00.000Z", "is_moving": true, "event": "motionchange",
             "coords": {"latitude": 48.8566, "longitude": 2.3522, "speed": 12.5, "heading": 180, "altitude": 40, "accuracy": 8},
             "battery": {"level": 0.42, "is_charging": false}, "activity": {"type": "in_vehicle"}},
             "device_id": "tc-99"}
            """
        let position = try TraccarJSONPosition.position(from: Array(body.utf8), receivedAt: now)
        #expect(position.deviceID == "tc-99")
        #expect(position.fixTime == 1_717_236_000_000)
        #expect(position.speed == 12.5)
        #expect(position.course == 180 && position.altitude == 40 && position.accuracy == 8)
        #expect(abs(position.battery! - 42) < 1e-9)
        #expect(position.attributes["activity"] == "in_vehicle")
        #expect(position.attributes["motion"] == "true")

        let unknownSpeed = #"{"device_id": "x", "location": {"timestamp": 1717236000000, "coords": {"latitude": 1, "longitude": 2, "speed": -1}}}"#
        let parsed = try TraccarJSONPosition.position(from: Array(unknownSpeed.utf8), deviceID: "from-topic", receivedAt: now)
        #expect(parsed.speed == nil)
        #expect(parsed.deviceID == "from-topic")
        #expect(parsed.fixTime == 1_717_236_000_000)
        #expect(throws: PositionInputError.self) { try TraccarJSONPosition.position(from: Array("{}".utf8), receivedAt: now) }
    }
}
