import Geo
import GPS
import Testing

@Suite("Motion engine")
struct MotionEngineTests {
    let start: Int64 = 1_717_236_000_000
    let site = GeoPoint(latitude: 48.8566, longitude: 2.3522)
    let engine = MotionEngine(
        rules: MotionRules(stillSpeed: 0.5, minimumStop: .seconds(300)),
        sites: [SiteArea(siteID: "site-1", geofence: .circle(center: GeoPoint(latitude: 48.8566, longitude: 2.3522), radiusMeters: 150))]
    )

    /// A van drives 1 km north into the site, stays 7 minutes, and leaves to the north.
    var drive: [Position] {
        let legs: [(minute: Int64, latitudeOffset: Double, speed: Double)] = [
            (0, -0.009, 10), (1, -0.0045, 10), (2, -0.0005, 5), (3, 0, 0), (4, 0, 0), (5, 0, 0), (6, 0, 0), (7, 0, 0), (8, 0, 0), (9, 0, 0),
            (10, 0.0005, 6), (11, 0.0045, 10),
        ]
        return legs.map { leg in
            Position(deviceID: "van-1", fixTime: start + leg.minute * 60_000, latitude: site.latitude + leg.latitudeOffset, longitude: site.longitude, speed: leg.speed)
        }
    }

    func minute(_ value: Int64) -> Int64 { start + value * 60_000 }

    @Test("a scripted drive gives exactly: trip started, site entered, trip ended and stop started, stop ended, trip started, site exited")
    func scriptedDrive() throws {
        let (state, events) = engine.advance(DeviceState(), with: drive)
        #expect(events.map(\.kind) == [.tripStarted, .geofenceEntered, .tripEnded, .stopStarted, .stopEnded, .tripStarted, .geofenceExited])
        #expect(events.map(\.at) == [minute(0), minute(2), minute(3), minute(3), minute(10), minute(10), minute(11)])
        #expect(events.filter { $0.kind == .geofenceEntered || $0.kind == .geofenceExited }.allSatisfy { $0.siteID == "site-1" })
        let tripEnded = try #require(events.first { $0.kind == .tripEnded })
        #expect(tripEnded.durationSeconds == 180)
        #expect(abs(tripEnded.distanceMeters! - 1001) <= 1)
        #expect(events.first { $0.kind == .stopEnded }?.durationSeconds == 420)
        #expect(state.insideSites.isEmpty)
        #expect(state.lastFixTime == minute(11))
    }

    @Test("the same drive in several batches gives the same events; a batch run again gives none")
    func batchesAndReplays() {
        let whole = engine.advance(DeviceState(), with: drive).events
        var state = DeviceState()
        var pieced: [DeviceEvent] = []
        for chunk in stride(from: 0, to: drive.count, by: 5).map({ Array(drive[$0..<min($0 + 5, drive.count)]) }) {
            let step = engine.advance(state, with: chunk.reversed())
            state = step.state
            pieced += step.events
            #expect(engine.advance(state, with: chunk).events.isEmpty)
        }
        #expect(pieced == whole)
    }

    @Test("a short halt is traffic, not a stop")
    func shortHalt() {
        let positions = (0..<5).map { index in
            Position(deviceID: "v", fixTime: start + Int64(index) * 60_000, latitude: 45 + Double(index) * 0.001, longitude: 5, speed: index == 2 ? 0 : 10)
        }
        #expect(engine.advance(DeviceState(), with: positions).events.map(\.kind) == [.tripStarted])
    }

    @Test("overspeed is reported once per episode above the tenant's limit; speed is derived when the tracker sends none")
    func overspeed() {
        var rules = engine.rules
        rules.speedLimit = 25
        let limited = MotionEngine(rules: rules, sites: [])
        // 0.003° of latitude per 10 s is about 33 m/s.
        let positions = (0..<6).map { index in
            Position(deviceID: "v", fixTime: start + Int64(index) * 10_000, latitude: 45 + Double(index) * (index < 4 ? 0.003 : 0.0001), longitude: 5)
        }
        let events = limited.advance(DeviceState(), with: positions).events
        #expect(events.filter { $0.kind == .overspeed }.count == 1)
        #expect((events.first { $0.kind == .overspeed }?.speed ?? 0) > 30)
    }
}
