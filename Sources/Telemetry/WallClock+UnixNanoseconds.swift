#if canImport(Glibc)
import Glibc
#endif

extension WallClock {
    /// Nanoseconds since the Unix epoch on the real-time clock: the timestamps spans carry, which
    /// must line up with other processes' spans rather than measure an interval.
    public static func unixNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
