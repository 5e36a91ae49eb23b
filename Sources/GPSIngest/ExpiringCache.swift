import Synchronization

/// Values kept for a while per key, shared across threads. Bounded crudely: past `capacity` entries
/// it starts over — far above any real fleet, it only stops a flood of made-up keys from growing it.
public final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let capacity: Int
    private let entries = Mutex<[Key: (value: Value, expires: ContinuousClock.Instant)]>([:])

    public init(capacity: Int = 200_000) {
        self.capacity = capacity
    }

    /// The value stored for `key`, unless it expired.
    public func value(for key: Key, now: ContinuousClock.Instant = .now) -> Value? {
        guard let entry = entries.withLock({ $0[key] }), entry.expires > now else { return nil }
        return entry.value
    }

    public func store(_ value: Value, for key: Key, timeToLive: Duration, now: ContinuousClock.Instant = .now) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = (value, now + timeToLive)
        }
    }
}
