import FieldOpsCore
import Geo

/// Turns a device's positions into events: site geofence enter/exit, stops (still for at least
/// `MotionRules.minimumStop`), trips (between stops), overspeed, and presence (online at the first
/// fix after being offline; offline `MotionRules.offlineAfter` after the last fix). Pure: the caller
/// loads the device's state, hands in the new positions (or, for a device that fell silent, the
/// time) and stores the state it gets back.
///
/// Fixes are taken in fix-time order; one not newer than the state's last fix (a late or repeated
/// one) and one the tracker marked invalid drive nothing, so running a batch twice gives its
/// events once.
public struct MotionEngine: Sendable {
    public var rules: MotionRules
    public var sites: [SiteArea]

    public init(rules: MotionRules, sites: [SiteArea]) {
        self.rules = rules
        self.sites = sites
    }

    public func advance(_ state: DeviceState, with positions: [Position]) -> (state: DeviceState, events: [DeviceEvent]) {
        var state = state
        var events: [DeviceEvent] = []
        for position in positions.sorted(by: { $0.fixTime < $1.fixTime }) where position.valid {
            guard state.lastFixTime.map({ position.fixTime > $0 }) ?? true else { continue }
            step(&state, position, into: &events)
        }
        return (state, events)
    }

    /// For a device that sent nothing: offline once `now` is `offlineAfter` past its last fix. The
    /// event's time is that moment, not `now`, so whoever notices it (a sweep, or the device's next
    /// batch) derives the same event with the same key.
    public func silence(_ state: DeviceState, deviceID: String, now: Int64) -> (state: DeviceState, event: DeviceEvent?) {
        var state = state
        let event = goOffline(&state, deviceID: deviceID, before: now)
        return (state, event)
    }

    private func goOffline(_ state: inout DeviceState, deviceID: String, before time: Int64) -> DeviceEvent? {
        guard state.onlineSince != nil, let last = state.lastFixTime, let point = state.lastPoint else { return nil }
        let offlineAt = last + rules.offlineAfter.wholeMilliseconds
        guard time >= offlineAt else { return nil }
        state.onlineSince = nil
        return DeviceEvent(kind: .deviceOffline, deviceID: deviceID, at: offlineAt, latitude: point.latitude, longitude: point.longitude)
    }

    private func step(_ state: inout DeviceState, _ position: Position, into events: inout [DeviceEvent]) {
        let point = position.point
        func event(_ kind: DeviceEvent.Kind, at time: Int64? = nil, point eventPoint: GeoPoint? = nil, siteID: String? = nil,
                   duration: Int64? = nil, distance: Double? = nil, speed: Double? = nil) {
            let place = eventPoint ?? point
            events.append(DeviceEvent(
                kind: kind, deviceID: position.deviceID, at: time ?? position.fixTime, latitude: place.latitude, longitude: place.longitude,
                siteID: siteID, durationSeconds: duration, distanceMeters: distance, speed: speed
            ))
        }

        // A gap longer than the threshold is an offline spell the sweep may not have reported yet.
        if let offline = goOffline(&state, deviceID: position.deviceID, before: position.fixTime) { events.append(offline) }
        if state.onlineSince == nil {
            state.onlineSince = position.fixTime
            event(.deviceOnline)
        }

        let speed = position.speed ?? derivedSpeed(from: state, to: position)
        if let previous = state.lastPoint, state.tripStartedAt != nil { state.tripDistance += previous.distance(to: point) }

        // Sites: compare where the device is now with where it was.
        let inside = sites.filter { $0.geofence.contains(point) }.map(\.siteID).sorted()
        for site in state.insideSites where !inside.contains(site) { event(.geofenceExited, siteID: site) }
        for site in inside where !state.insideSites.contains(site) { event(.geofenceEntered, siteID: site) }
        state.insideSites = inside

        if speed <= rules.stillSpeed {
            if state.stillSince == nil {
                state.stillSince = position.fixTime
                state.stillPoint = point
            }
            if !state.stopped, let since = state.stillSince, position.fixTime - since >= rules.minimumStop.wholeMilliseconds {
                state.stopped = true
                if let started = state.tripStartedAt {
                    event(.tripEnded, at: since, point: state.stillPoint, duration: (since - started) / 1000, distance: state.tripDistance.rounded())
                }
                state.tripStartedAt = nil
                state.tripDistance = 0
                event(.stopStarted, at: since, point: state.stillPoint, siteID: inside.first)
            }
        } else {
            if state.stopped, let since = state.stillSince {
                event(.stopEnded, duration: (position.fixTime - since) / 1000)
            }
            state.stopped = false
            state.stillSince = nil
            state.stillPoint = nil
            if state.tripStartedAt == nil {
                state.tripStartedAt = position.fixTime
                state.tripDistance = 0
                event(.tripStarted)
            }
        }

        if let limit = rules.speedLimit {
            let over = speed > limit
            if over && !state.overspeeding { event(.overspeed, speed: speed) }
            state.overspeeding = over
        }
        state.lastFixTime = position.fixTime
        state.lastPoint = point
    }

    /// Trackers that send no speed: distance over time since the previous fix.
    private func derivedSpeed(from state: DeviceState, to position: Position) -> Double {
        guard let lastTime = state.lastFixTime, let lastPoint = state.lastPoint, position.fixTime > lastTime else { return 0 }
        return lastPoint.distance(to: position.point) / (Double(position.fixTime - lastTime) / 1000)
    }
}
