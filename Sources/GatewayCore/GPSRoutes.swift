#if canImport(FoundationEssentials)
import Domain
import FoundationEssentials
#else
import Foundation
#endif
import Geo
import GPS
import GPSIngest
import HTTPServer
import Identity
import Postgres

/// GPS over the API: trackers post batches with their device token; users read the live map and
/// vehicles' tracks.
///
/// * `POST /v1/gps/positions` — `Authorization: Bearer <device-id>:<secret>`, body
///   `{"positions": [{"fix_time": …, "latitude": …, "longitude": …, "speed": m/s, …}]}` (≤ 1000);
///   `202 {"accepted": n}` once the broker confirmed; `400` naming every invalid position.
/// * `GET /v1/vehicles/live[?lat&lon&radius_m]` — each device's latest position (Redis).
/// * `GET /v1/vehicles/{id}/track?from&to[&tolerance_m]` — a vehicle's fixes, simplified
///   (Douglas–Peucker) when asked or when the range holds more than `autoSimplifyAbove` fixes.
/// * Trips, stops and the event feed: `GPSHistoryRoutes`.
struct GPSRoutes {
    static let autoSimplifyAbove = 2000
    static let autoTolerance = 10.0
    static let maximumRange: Int64 = 31 * 86_400_000
    static let maximumPoints = 200_000

    let services: GatewayServices
    let configuration: GPSIngestConfiguration
    let guarding: APIGuard

    func register(in router: inout Router) {
        let directory = DeviceDirectory(controlPlane: services.postgres)
        let authenticator = DeviceAuthenticator(directory: directory, tenants: services.tenants)
        let intake = PositionIntake(broker: services.broker, configuration: configuration)
        let fleet = LiveFleet(redis: services.redis)
        let tenants = services.tenants

        router.post("/v1/gps/positions") { request in
            let receivedAt = EpochClock.nowMilliseconds()
            guard let header = request.headers["Authorization"], header.prefix(7).lowercased() == "bearer ",
                  let token = DeviceToken(header.dropFirst(7)), let device = try await authenticator.authenticate(token)
            else {
                throw HTTPError(status: 401, detail: "Use the device's token: Bearer <device-id>:<secret>.", headers: ["WWW-Authenticate": "Bearer"])
            }
            let body = try request.decode(PositionBatchBody.self)
            guard (1...PositionBatchMessage.maximumPositions).contains(body.positions.count) else {
                throw HTTPError.badRequest("A batch holds 1 to \(PositionBatchMessage.maximumPositions) positions.")
            }
            var positions: [Position] = []
            var problems: [(index: Int, error: PositionInputError)] = []
            for (index, report) in body.positions.enumerated() {
                do throws(PositionInputError) {
                    positions.append(try report.position(deviceID: device.deviceID, index: index))
                } catch {
                    problems.append((index, error))
                }
            }
            guard problems.isEmpty else { throw PositionIntake.invalid(problems, instance: request.path) }
            let accepted = try await intake.accept(positions, of: device, receivedAt: receivedAt, request: request)
            return try .json(["accepted": accepted], status: 202)
        }

        router.get("/v1/vehicles/live", guarding.protect(Permission(.resources, .read)) { request, claims in
            let tenant = try Self.tenant(of: claims)
            let vehicles: [LivePosition]
            if let latitude = request.query("lat"), let longitude = request.query("lon") {
                guard let point = Double(latitude).flatMap({ lat in Double(longitude).flatMap { GeoPoint(validatingLatitude: lat, longitude: $0) } }),
                      let radius = Double(request.query("radius_m") ?? "1000"), radius > 0, radius <= 100_000
                else {
                    throw HTTPError.badRequest("lat, lon must be a valid point and radius_m between 0 and 100000 metres.")
                }
                vehicles = try await fleet.near(latitude: point.latitude, longitude: point.longitude, radius: radius, tenant: tenant)
            } else {
                vehicles = try await fleet.all(tenant: tenant)
            }
            return try .json(["vehicles": vehicles])
        })

        router.get("/v1/vehicles/{id}/track", guarding.protect(Permission(.resources, .read)) { request, claims in
            let tenant = try Self.tenant(of: claims)
            let vehicleID = try request.uuid(naming: "vehicle")
            let (from, to) = try Self.period(of: request)
            let tolerance = try request.query("tolerance_m").map { text -> Double in
                guard let value = Double(text), value >= 0, value <= 10_000 else { throw HTTPError.badRequest("tolerance_m must be 0 to 10000 metres.") }
                return value
            }
            let pool = try await tenants.pool(for: tenant)
            let device = try await Self.trackerDevice(of: vehicleID, in: pool)
            var points: [TrackPoint] = []
            if let device {
                let rows = try await pool.query("""
                    SELECT fix_time, latitude, longitude, speed FROM positions
                    WHERE device_id = \(device) AND fix_time >= \(Self.date(from)) AND fix_time < \(Self.date(to)) AND valid
                    ORDER BY fix_time LIMIT \(Self.maximumPoints)
                    """)
                points = try rows.map { row in
                    let (time, latitude, longitude, speed) = try row.decode((Date, Double, Double, Float?).self)
                    return TrackPoint(time: time, latitude: latitude, longitude: longitude, speed: speed.map(Double.init))
                }
            }
            let applied = tolerance ?? (points.count > Self.autoSimplifyAbove ? Self.autoTolerance : nil)
            let recorded = points.count
            if let applied, applied > 0 {
                let kept = TrackSimplification.keptIndices(of: points.map { GeoPoint(latitude: $0.latitude, longitude: $0.longitude) }, tolerance: applied)
                points = kept.map { points[$0] }
            }
            return try .json(Track(
                vehicleID: vehicleID, deviceID: device, from: Self.date(from), to: Self.date(to), toleranceMeters: applied,
                recordedPoints: recorded, points: points
            ))
        })

        GPSHistoryRoutes(tenants: tenants, guarding: guarding).register(in: &router)
    }

    static func tenant(of claims: AccessClaims) throws(HTTPError) -> String {
        guard let tenant = claims.tenant else { throw HTTPError(status: 403, detail: "Vehicles belong to a tenant; use a tenant user's token.") }
        return tenant
    }

    /// `from` and `to` (ISO-8601 or epoch seconds/milliseconds) in epoch milliseconds: `to` defaults
    /// to now, `from` to `defaultSpan` before `to`; at most `maximumRange` apart.
    static func period(of request: HTTPRequest, defaultSpan: Int64 = 86_400_000) throws(HTTPError) -> (from: Int64, to: Int64) {
        let to = try request.query("to").map { text throws(HTTPError) in try time(text, name: "to") } ?? EpochClock.nowMilliseconds()
        let from = try request.query("from").map { text throws(HTTPError) in try time(text, name: "from") } ?? to - defaultSpan
        guard from < to, to - from <= maximumRange else {
            throw HTTPError.badRequest("from must be before to, at most 31 days apart.")
        }
        return (from, to)
    }

    /// The tracker a tenant's vehicle carries (nil: none); 404 when the tenant has no such vehicle.
    static func trackerDevice(of vehicleID: UUID, in pool: PostgresPool) async throws -> String? {
        guard let vehicle = try await pool.query("SELECT tracker_device FROM vehicles WHERE id = \(vehicleID)").first else {
            throw HTTPError.notFound("No such vehicle.")
        }
        return try vehicle.decode(String?.self, at: 0)
    }

    private static func time(_ text: String, name: String) throws(HTTPError) -> Int64 {
        guard let value = FixTime.parse(text) else { throw HTTPError.badRequest("\(name) must be ISO-8601 or epoch seconds/milliseconds.") }
        return value
    }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}

private struct PositionBatchBody: Decodable {
    var positions: [PositionReport]
}

private struct TrackPoint: Encodable {
    var time: Date
    var latitude: Double
    var longitude: Double
    var speed: Double?
}

private struct Track: Encodable {
    var vehicleID: UUID
    var deviceID: String?
    var from: Date
    var to: Date
    var toleranceMeters: Double?
    var recordedPoints: Int
    var points: [TrackPoint]

    enum CodingKeys: String, CodingKey {
        case vehicleID = "vehicle_id", deviceID = "device_id", from, to, toleranceMeters = "tolerance_m", recordedPoints = "recorded_points", points
    }
}
