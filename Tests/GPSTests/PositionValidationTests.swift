import GPS
import Testing

@Suite("Position validation")
struct PositionValidationTests {
    let now: Int64 = 1_717_236_000_000
    let rules = PositionValidation()

    func position(_ device: String = "d", at time: Int64? = nil, latitude: Double = 48.85, longitude: Double = 2.35, speed: Double? = nil) -> Position {
        Position(deviceID: device, fixTime: time ?? now, latitude: latitude, longitude: longitude, speed: speed)
    }

    @Test("coordinates out of range, null island, times too far ahead or behind and absurd speeds are refused with the field")
    func refusals() {
        let cases: [(Position, String)] = [
            (position(latitude: 91), "latitude"),
            (position(latitude: .nan), "latitude"),
            (position(longitude: -180.5), "longitude"),
            (position(latitude: 0, longitude: 0), "latitude"),
            (position(at: now + 3_600_000), "fix_time"),
            (position(at: now - 30 * 86_400_000), "fix_time"),
            (position(speed: 1000), "speed"),
        ]
        for (candidate, field) in cases {
            do {
                try rules.check(candidate, now: now)
                Issue.record("accepted \(candidate)")
            } catch {
                #expect(error.field == field)
            }
        }
    }

    @Test("a batch keeps valid positions in order, reports the invalid ones by index, and drops repeats of a device's fix time")
    func batch() {
        let outcome = rules.check([
            position("a", at: now - 2000), position("a", at: now - 1000), position("a", at: now - 2000), position("b", at: now - 2000),
            position("a", latitude: 100),
        ], now: now)
        #expect(outcome.accepted.map(\.deviceID) == ["a", "a", "b"])
        #expect(outcome.accepted.map(\.fixTime) == [now - 2000, now - 1000, now - 2000])
        #expect(outcome.duplicates == 1)
        #expect(outcome.rejected.map(\.index) == [4])
    }
}
