import Redis
import Synchronization
import Testing

@Suite("RedisCache")
struct RedisCacheTests {
    struct Site: Codable, Equatable, Sendable {
        let id: Int
        let name: String
    }

    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        func next() -> Int { value.add(1, ordering: .relaxed).newValue }
        var count: Int { value.load(ordering: .relaxed) }
    }

    @Test("bytes and Codable values round-trip with their TTL")
    func roundTripWithTTL() async throws {
        try await TestRedis.withPrefix("cache") { pool, prefix in
            let cache = RedisCache(pool: pool, keyPrefix: prefix)
            try await cache.setBytes([0, 255, 0], forKey: "raw", ttl: .seconds(10))
            #expect(try await cache.bytes(forKey: "raw") == [0, 255, 0])
            let pttl = try #require(try await pool.send(["PTTL", RedisArgument(prefix + "raw")]).int)
            #expect(pttl > 8_000 && pttl <= 10_000)

            let site = Site(id: 7, name: "Pont de l'Arche — lot 2")
            try await cache.setValue(site, forKey: "site", ttl: .seconds(60))
            #expect(try await cache.value(Site.self, forKey: "site") == site)
            #expect(try await cache.delete("site"))
            #expect(try await cache.delete("site") == false)
            #expect(try await cache.value(Site.self, forKey: "site") == nil)
        }
    }

    @Test("entries expire after their TTL")
    func expires() async throws {
        try await TestRedis.withPrefix("cache-expire") { pool, prefix in
            let cache = RedisCache(pool: pool, keyPrefix: prefix)
            try await cache.setBytes([1], forKey: "short", ttl: .milliseconds(30))
            try await Task.sleep(for: .milliseconds(80))
            #expect(try await cache.bytes(forKey: "short") == nil)
        }
    }

    @Test("stored JSON that does not fit the type is a decoding error")
    func mismatchedTypeThrows() async throws {
        try await TestRedis.withPrefix("cache-decode") { pool, prefix in
            let cache = RedisCache(pool: pool, keyPrefix: prefix)
            try await cache.setBytes(Array("not json".utf8), forKey: "bad", ttl: .seconds(5))
            await #expect(throws: DecodingError.self) { try await cache.value(Site.self, forKey: "bad") }
        }
    }

    @Test("getOrSet computes once for 20 concurrent callers and all see the same value")
    func getOrSetComputesOnce() async throws {
        try await TestRedis.withPrefix("cache-getorset", pool: TestRedis.pool(size: 6)) { pool, prefix in
            let cache = RedisCache(pool: pool, keyPrefix: prefix)
            let computations = Counter()
            let values = try await withThrowingTaskGroup(of: Site.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await cache.getOrSet("slow", ttl: .seconds(30)) {
                            let run = computations.next()
                            try await Task.sleep(for: .milliseconds(20))
                            return Site(id: run, name: "computed")
                        }
                    }
                }
                return try await group.reduce(into: [Site]()) { $0.append($1) }
            }
            #expect(computations.count == 1)
            #expect(Set(values.map(\.id)) == [1])
            let pttl = try #require(try await pool.send(["PTTL", RedisArgument(prefix + "slow")]).int)
            #expect(pttl > 25_000 && pttl <= 30_000)
            // A value stored by another writer first wins over a fresh computation.
            try await cache.setValue(Site(id: 99, name: "other"), forKey: "raced", ttl: .seconds(5))
            #expect(try await cache.getOrSet("raced", ttl: .seconds(5)) { Site(id: 0, name: "mine") }.id == 99)
        }
    }
}
