#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Redis

/// Each tenant's devices at their latest position, in Redis: a GEO set `gps:<tenant>:live` (for
/// radius searches) and a hash `gps:<tenant>:seen` with the full latest position per device.
/// Written by the GPS workers after each commit, read by `GET /v1/vehicles/live`. PostgreSQL keeps
/// every position: this is a read model that the next positions rebuild.
public struct LiveFleet: Sendable {
    private let redis: RedisPool

    public init(redis: RedisPool) {
        self.redis = redis
    }

    static func geoKey(_ tenant: String) -> String { "gps:\(tenant):live" }
    static func seenKey(_ tenant: String) -> String { "gps:\(tenant):seen" }

    /// Records the latest positions of some devices in one round trip.
    public func record(_ positions: [LivePosition], tenant: String) async throws {
        guard !positions.isEmpty else { return }
        let encoder = JSONEncoder()
        var geoadd: [RedisArgument] = ["GEOADD", RedisArgument(Self.geoKey(tenant))]
        var hset: [RedisArgument] = ["HSET", RedisArgument(Self.seenKey(tenant))]
        for position in positions {
            geoadd += [RedisArgument(position.longitude), RedisArgument(position.latitude), RedisArgument(position.deviceID)]
            hset += [RedisArgument(position.deviceID), RedisArgument(Array(try encoder.encode(position)))]
        }
        for reply in try await redis.pipeline([geoadd, hset]) { _ = try reply.throwingServerError() }
    }

    /// Every device's latest position, most recent first.
    public func all(tenant: String) async throws -> [LivePosition] {
        let reply = try await redis.send(["HGETALL", RedisArgument(Self.seenKey(tenant))], idempotent: true)
        let values = (reply.array ?? []).enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        return decode(values).sorted { $0.fixTime > $1.fixTime }
    }

    /// Devices within `radius` metres of a point, nearest first.
    public func near(latitude: Double, longitude: Double, radius: Double, tenant: String) async throws -> [LivePosition] {
        let members = try await redis.send([
            "GEOSEARCH", RedisArgument(Self.geoKey(tenant)), "FROMLONLAT", RedisArgument(longitude), RedisArgument(latitude),
            "BYRADIUS", RedisArgument(radius), "m", "ASC",
        ], idempotent: true).array ?? []
        guard !members.isEmpty else { return [] }
        let values = try await redis.send(
            ["HMGET", RedisArgument(Self.seenKey(tenant))] + members.compactMap(\.bytes).map { RedisArgument($0) }, idempotent: true
        )
        return decode(values.array ?? [])
    }

    private func decode(_ values: [RedisValue]) -> [LivePosition] {
        let decoder = JSONDecoder()
        return values.compactMap { $0.bytes.flatMap { try? decoder.decode(LivePosition.self, from: Data($0)) } }
    }
}
