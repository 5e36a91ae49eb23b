import FieldOpsCore

/// The checks every position passes before it is stored, whichever path it came by: coordinates in
/// range (and not the 0,0 "null island" of a tracker without a fix), plausible measurements, a fix
/// time neither too far in the future (a wrong clock) nor too old (a replayed buffer), and no two
/// fixes of one device at the same instant within a batch.
public struct PositionValidation: Sendable, Equatable {
    /// How far ahead of the server's clock a fix may be.
    public var maximumFuture: Duration
    /// How old a fix may be when it arrives.
    public var maximumAge: Duration
    /// Faster than this (m/s) is a measurement error.
    public var maximumSpeed: Double

    public init(maximumFuture: Duration = .seconds(600), maximumAge: Duration = .seconds(7 * 86_400), maximumSpeed: Double = 300) {
        self.maximumFuture = maximumFuture
        self.maximumAge = maximumAge
        self.maximumSpeed = maximumSpeed
    }

    /// The outcome for a batch, positions in their original order.
    public struct Outcome: Sendable {
        public var accepted: [Position] = []
        /// Index in the batch and reason.
        public var rejected: [(index: Int, error: PositionInputError)] = []
        /// Repeats of a (device, fix time) already in the batch, dropped.
        public var duplicates = 0
    }

    /// `now`: the server's clock, milliseconds since the epoch.
    public func check(_ position: Position, now: Int64) throws(PositionInputError) {
        guard position.latitude.isFinite, (-90...90).contains(position.latitude) else {
            throw PositionInputError(field: "latitude", reason: "must be between -90 and 90")
        }
        guard position.longitude.isFinite, (-180...180).contains(position.longitude) else {
            throw PositionInputError(field: "longitude", reason: "must be between -180 and 180")
        }
        guard position.latitude != 0 || position.longitude != 0 else {
            throw PositionInputError(field: "latitude", reason: "0,0 is what a tracker without a fix sends")
        }
        if position.fixTime > now + maximumFuture.wholeMilliseconds {
            throw PositionInputError(field: "fix_time", reason: "is more than \(maximumFuture.wholeMilliseconds / 1000) s in the future")
        }
        if position.fixTime < now - maximumAge.wholeMilliseconds {
            throw PositionInputError(field: "fix_time", reason: "is more than \(maximumAge.wholeMilliseconds / 86_400_000) days old")
        }
        try Self.require(position.speed, field: "speed", in: 0...maximumSpeed)
        try Self.require(position.course, field: "course", in: 0...360)
        try Self.require(position.accuracy, field: "accuracy", in: 0...1_000_000)
        try Self.require(position.hdop, field: "hdop", in: 0...100)
        try Self.require(position.battery, field: "battery", in: 0...100)
        try Self.require(position.altitude, field: "altitude", in: -12_000...100_000)
    }

    public func check(_ batch: [Position], now: Int64) -> Outcome {
        var outcome = Outcome()
        outcome.accepted.reserveCapacity(batch.count)
        var seen = Set<FixKey>(minimumCapacity: batch.count)
        for (index, position) in batch.enumerated() {
            do {
                try check(position, now: now)
            } catch {
                outcome.rejected.append((index, error))
                continue
            }
            guard seen.insert(FixKey(deviceID: position.deviceID, fixTime: position.fixTime)).inserted else {
                outcome.duplicates += 1
                continue
            }
            outcome.accepted.append(position)
        }
        return outcome
    }

    private static func require(_ value: Double?, field: String, in range: ClosedRange<Double>) throws(PositionInputError) {
        guard let value else { return }
        guard value.isFinite, range.contains(value) else {
            throw PositionInputError(field: field, reason: "must be between \(range.lowerBound.formatted) and \(range.upperBound.formatted)")
        }
    }
}

/// What makes a fix unique: the table's key too.
struct FixKey: Hashable {
    var deviceID: String
    var fixTime: Int64
}

extension Double {
    fileprivate var formatted: String { self == rounded() ? String(Int64(self)) : String(self) }
}
