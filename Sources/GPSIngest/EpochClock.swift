import Telemetry

/// Milliseconds since the Unix epoch: the unit of `Position.fixTime`.
public enum EpochClock {
    public static func nowMilliseconds() -> Int64 {
        Int64(WallClock.unixNanoseconds() / 1_000_000)
    }
}
