#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// A cache in Redis with a TTL on every entry: raw bytes, or `Codable` values stored as JSON.
///
/// `getOrSet` computes a missing value once per process (concurrent callers for the same key share
/// one computation) and stores it with `SET NX GET`, so when several processes race, the first value
/// stored wins and every caller returns that same value.
public final class RedisCache: Sendable {
    public let pool: RedisPool
    public let keyPrefix: String
    private let flights = Mutex(Flights())

    private struct Flights {
        var running: [String: (id: Int, task: Task<[UInt8], any Error>)] = [:]
        var nextID = 0
    }

    public init(pool: RedisPool, keyPrefix: String = "cache:") {
        self.pool = pool
        self.keyPrefix = keyPrefix
    }

    public func bytes(forKey key: String) async throws -> [UInt8]? {
        let reply = try await pool.send(["GET", storageKey(key)], idempotent: true)
        return reply.isNull ? nil : reply.bytes
    }

    public func setBytes(_ bytes: [UInt8], forKey key: String, ttl: Duration) async throws {
        try await pool.send(["SET", storageKey(key), RedisArgument(bytes), "PX", .milliseconds(ttl)], idempotent: true)
    }

    /// True if an entry was deleted.
    @discardableResult
    public func delete(_ key: String) async throws -> Bool {
        try await pool.send(["DEL", storageKey(key)], idempotent: true) == .integer(1)
    }

    /// The cached value, nil when absent; throws `DecodingError` when the stored JSON does not fit `T`.
    public func value<T: Decodable>(_ type: T.Type, forKey key: String) async throws -> T? {
        try await bytes(forKey: key).map { try JSONDecoder().decode(T.self, from: Data($0)) }
    }

    public func setValue<T: Encodable>(_ value: T, forKey key: String, ttl: Duration) async throws {
        try await setBytes(Array(JSONEncoder().encode(value)), forKey: key, ttl: ttl)
    }

    /// The cached value, or `compute()`'s result stored for `ttl` (see the type's note on concurrency).
    public func getOrSet<T: Codable & Sendable>(
        _ key: String, ttl: Duration, compute: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        if let cached = try await value(T.self, forKey: key) { return cached }
        let stored = try await sharedComputation(for: key) { [pool, storageKey = storageKey(key)] in
            let encoded = try Array(JSONEncoder().encode(try await compute()))
            // NX GET: store only if still absent, and get back whatever another writer stored first.
            let reply = try await pool.send(["SET", storageKey, RedisArgument(encoded), "NX", "GET", "PX", .milliseconds(ttl)])
            return reply.bytes ?? encoded
        }
        return try JSONDecoder().decode(T.self, from: Data(stored))
    }

    private func sharedComputation(for key: String, _ work: @escaping @Sendable () async throws -> [UInt8]) async throws -> [UInt8] {
        let flight = flights.withLock { flights in
            if let running = flights.running[key] { return running }
            let started = (id: flights.nextID, task: Task { try await work() })
            flights.nextID += 1
            flights.running[key] = started
            return started
        }
        defer {
            flights.withLock { flights in
                if flights.running[key]?.id == flight.id { flights.running[key] = nil }
            }
        }
        return try await flight.task.value
    }

    private func storageKey(_ key: String) -> RedisArgument {
        RedisArgument(keyPrefix + key)
    }
}
