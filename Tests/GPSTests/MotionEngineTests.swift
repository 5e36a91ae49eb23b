import Foundation
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

    @Test("a scripted drive gives exactly: online, trip started, site entered, trip ended and stop started (in the site), stop ended, trip started, site exited")
    func scriptedDrive() throws {
        let (state, events) = engine.advance(DeviceState(), with: drive)
        #expect(events.map(\.kind) == [
            .deviceOnline, .tripStarted, .geofenceEntered, .tripEnded, .stopStarted, .stopEnded, .tripStarted, .geofenceExited,
        ])
        #expect(events.map(\.at) == [minute(0), minute(0), minute(2), minute(3), minute(3), minute(10), minute(10), minute(11)])
        #expect(events.filter { [.geofenceEntered, .geofenceExited, .stopStarted].contains($0.kind) }.allSatisfy { $0.siteID == "site-1" })
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
        #expect(engine.advance(DeviceState(), with: positions).events.map(\.kind) == [.deviceOnline, .tripStarted])
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

    @Test("silence past the threshold is one offline event at the last fix plus the threshold; the next fix is one online event")
    func presence() throws {
        let fix = Position(deviceID: "v", fixTime: start, latitude: 45, longitude: 5, speed: 0)
        let (online, events) = engine.advance(DeviceState(), with: [fix])
        #expect(events.map(\.kind) == [.deviceOnline])
        #expect(online.onlineSince == start)

        #expect(engine.silence(online, deviceID: "v", now: start + 599_999).event == nil)
        let (offline, event) = engine.silence(online, deviceID: "v", now: start + 3_600_000)
        let gone = try #require(event)
        #expect(gone.kind == .deviceOffline && gone.at == start + 600_000 && gone.latitude == 45)
        #expect(offline.onlineSince == nil)
        #expect(engine.silence(offline, deviceID: "v", now: start + 7_200_000).event == nil, "offline is reported once")

        let back = engine.advance(offline, with: [Position(deviceID: "v", fixTime: start + 3_700_000, latitude: 45, longitude: 5, speed: 0)])
        #expect(back.events.map(\.kind).filter(\.isPresence) == [.deviceOnline])
        #expect(back.events.first?.at == start + 3_700_000)
    }

    @Test("a gap longer than the threshold inside the positions gives the same offline event a sweep would have, then online")
    func gapInBatch() {
        let positions = [0, 1_000_000].map { Position(deviceID: "v", fixTime: start + $0, latitude: 45, longitude: 5, speed: 0) }
        let events = engine.advance(DeviceState(), with: positions).events.filter(\.kind.isPresence)
        #expect(events.map(\.kind) == [.deviceOnline, .deviceOffline, .deviceOnline])
        let swept = engine.silence(engine.advance(DeviceState(), with: [positions[0]]).state, deviceID: "v", now: start + 1_000_000).event
        #expect(events[1] == swept)
        #expect(events[1].key == swept?.key)
    }

    @Test("a state stored before presence was tracked reads as offline")
    func olderState() throws {
        let json = #"{"last_fix_time": 1, "inside_sites": [], "stopped": false, "trip_distance": 0, "overspeeding": false}"#
        let state = try JSONDecoder().decode(DeviceState.self, from: Data(json.utf8))
        #expect(state.onlineSince == nil)
    }
}

extension DeviceEvent.Kind {
    /// Still for the whole silence, the device also stopped: these tests look at presence only.
    var isPresence: Bool { self == .deviceOnline || self == .deviceOffline }
}
