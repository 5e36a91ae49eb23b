import FieldOpsCore
import Foundation
import GatewayCore
import GPS
import GPSIngest
import HTTPClient
import HTTPServer
import Identity
import Telemetry
import TestSupport
import Testing

/// The gateway's GPS routes, served as `gateway/main.swift` wires them, against the real services.
@Suite("GPS routes", .serialized, .timeLimit(.minutes(3)))
struct GPSRoutesTests {
    /// The gateway as `gateway/main.swift` wires it, on the fixture's exchanges, serving `body`'s calls.
    func withGateway(
        _ fixture: GPSFixture,
        _ body: (_ call: (String, String, String, String) async throws -> HTTPClientResponse, _ configuration: GatewayConfiguration) async throws -> Void
    ) async throws {
        var values = fixture.environment.values
        values["FIELDOPS_GATEWAY_PORT"] = "0"
        values["FIELDOPS_GATEWAY_LOG_LEVEL"] = "error"
        let configuration = try GatewayConfiguration(environment: Environment(values))
        let services = try GatewayServices(configuration: configuration, logger: TestServices.logger)
        try await services.broker.connect()
        let application = GatewayApplication(
            configuration: configuration, services: services, metrics: MetricsRegistry(), logger: TestServices.logger, openAPIDocument: []
        )
        let server = HTTPServer(configuration: configuration.http, router: application.router, logger: TestServices.logger, metrics: MetricsRegistry())
        try server.start()
        let client = HTTPClient()
        let base = "http://127.0.0.1:\(server.port)"
        let outcome: Result<Void, any Error>
        do {
            outcome = .success(try await body({ method, path, bearer, text in
                try await client.execute(HTTPClientRequest(
                    method: method, url: base + path, headers: [("Authorization", "Bearer \(bearer)"), ("Content-Type", "application/json")],
                    body: Array(text.utf8)
                ))
            }, configuration))
        } catch {
            outcome = .failure(error)
        }
        await server.shutdown(gracePeriod: .seconds(1))
        await services.close()
        try outcome.get()
    }

    func userToken(_ configuration: GatewayConfiguration, tenant: String) -> String {
        AccessTokenIssuer(key: configuration.tokens.signingKey, issuer: configuration.tokens.issuer, audience: configuration.tokens.audience)
            .issue(subject: "manager-1", tenant: tenant, role: .manager, now: Int64(Date().timeIntervalSince1970)).token
    }

    @Test("a tracker posts a batch with its token; users read the live map and the vehicle's track")
    func postThenRead() async throws {
        try await GPSFixture.run { fixture in
            try await withGateway(fixture) { send, configuration in
                func call(_ method: String, _ path: String, bearer: String, body: String = "") async throws -> HTTPClientResponse {
                    try await send(method, path, bearer, body)
                }
                let token = try #require(fixture.deviceToken).description
                let now = Int64(Date().timeIntervalSince1970)
                let batch = (0..<3).map { #"{"fix_time": \#((now - 120 + Int64($0) * 10) * 1000), "latitude": \#(45.0 + Double($0) * 0.001), "longitude": 5.0, "speed": 9}"# }
                let accepted = try await call("POST", "/v1/gps/positions", bearer: token, body: #"{"positions": [\#(batch.joined(separator: ","))]}"#)
                #expect(accepted.status == 202)
                #expect(accepted.bodyText.contains(#""accepted":3"#))

                let invalid = try await call("POST", "/v1/gps/positions", bearer: token, body: #"{"positions": [{"fix_time": "\#(iso(now))", "latitude": 200, "longitude": 5}]}"#)
                #expect(invalid.status == 400)
                #expect(invalid.bodyText.contains("latitude"))
                let forged = try await call("POST", "/v1/gps/positions", bearer: fixture.device + ":" + String(repeating: "0", count: 64), body: "{}")
                #expect(forged.status == 401)

                try fixture.startWorker()
                try await eventually(timeout: .seconds(30)) { try await fixture.storedCount() == 3 }

                let pool = try await fixture.tenantPool()
                let vehicle = try await pool.query("""
                    INSERT INTO vehicles (plate, label, kind, tracker_device) VALUES ('AB-123-CD', 'Van 1', 'van', \(fixture.device)) RETURNING id
                    """).decode(UUID.self)[0]
                let user = userToken(configuration, tenant: fixture.tenant)

                try await eventually {
                    try await call("GET", "/v1/vehicles/live", bearer: user).bodyText.contains(fixture.device)
                }
                let near = try await call("GET", "/v1/vehicles/live?lat=45.002&lon=5.0&radius_m=500", bearer: user)
                #expect(near.bodyText.contains(fixture.device))
                let far = try await call("GET", "/v1/vehicles/live?lat=48.0&lon=2.0&radius_m=500", bearer: user)
                #expect(!far.bodyText.contains(fixture.device))

                let track = try await call("GET", "/v1/vehicles/\(vehicle.uuidString.lowercased())/track?from=\(now - 3600)", bearer: user)
                #expect(track.status == 200)
                let document = try #require(try JSONSerialization.jsonObject(with: Data(track.body)) as? [String: Any])
                #expect((document["points"] as? [Any])?.count == 3)
                #expect(document["device_id"] as? String == fixture.device)
                // A straight line simplifies to its two ends.
                let simplified = try await call("GET", "/v1/vehicles/\(vehicle.uuidString.lowercased())/track?from=\(now - 3600)&tolerance_m=5", bearer: user)
                #expect(((try JSONSerialization.jsonObject(with: Data(simplified.body)) as? [String: Any])?["points"] as? [Any])?.count == 2)
            }
        }
    }

    @Test("a scripted drive reads back through the API as exactly its trips, stops and events, paged newest first")
    func tripsStopsAndEvents() async throws {
        try await GPSFixture.run { fixture in
            try await fixture.setOfflineAfter(seconds: 86_400)
            let pool = try await fixture.tenantPool()
            let site = try await pool.query("""
                INSERT INTO sites (code, name, site_type, client_name, latitude, longitude)
                VALUES ('GPS-2', 'Chantier', 'building', 'Client', 48.8566, 2.3522) RETURNING id
                """).decode(UUID.self)[0]
            let vehicle = try await pool.query("""
                INSERT INTO vehicles (plate, label, kind, tracker_device) VALUES ('EF-456-GH', 'Van 2', 'van', \(fixture.device)) RETURNING id
                """).decode(UUID.self)[0].uuidString.lowercased()
            // Drives 1 km into the site, stays 7 minutes, leaves and is still driving.
            let start = (Int64(Date().timeIntervalSince1970) - 1800) * 1000
            let legs: [(minute: Int64, offset: Double, speed: Double)] = [
                (0, -0.009, 10), (1, -0.0045, 10), (2, -0.0005, 5), (3, 0, 0), (4, 0, 0), (5, 0, 0), (6, 0, 0), (7, 0, 0), (8, 0, 0), (9, 0, 0),
                (10, 0.0005, 6), (11, 0.0045, 10),
            ]
            try await fixture.publish(legs.map {
                Position(deviceID: fixture.device, fixTime: start + $0.minute * 60_000, latitude: 48.8566 + $0.offset, longitude: 2.3522, speed: $0.speed)
            })
            try fixture.startWorker()
            try await eventually(timeout: .seconds(30)) { try await fixture.storedEventKinds().count == 8 }
            func minute(_ value: Int64) -> String { iso((start + value * 60_000) / 1000) }

            try await withGateway(fixture) { call, configuration in
                let user = userToken(configuration, tenant: fixture.tenant)
                func document(_ path: String) async throws -> [String: Any] {
                    let response = try await call("GET", path, user, "")
                    #expect(response.status == 200, "\(path): \(response.bodyText)")
                    return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
                }
                let period = "from=\(minute(-60))&to=\(minute(30))"
                let trips = try #require(try await document("/v1/vehicles/\(vehicle)/trips?\(period)")["trips"] as? [[String: Any]])
                #expect(trips.count == 2)
                #expect((trips[0]["start"] as? [String: Any])?["time"] as? String == minute(0))
                #expect((trips[0]["end"] as? [String: Any])?["time"] as? String == minute(3))
                #expect(trips[0]["duration_seconds"] as? Int == 180 && trips[0]["open"] as? Bool == false)
                #expect(abs((trips[0]["distance_meters"] as? Double ?? 0) - 1001) <= 1)
                #expect((trips[1]["start"] as? [String: Any])?["time"] as? String == minute(10))
                #expect(trips[1]["open"] as? Bool == true && trips[1]["end"] == nil)

                let stops = try #require(try await document("/v1/vehicles/\(vehicle)/stops?\(period)")["stops"] as? [[String: Any]])
                #expect(stops.count == 1)
                #expect(stops.first?["start"] as? String == minute(3) && stops.first?["end"] as? String == minute(10))
                #expect(stops.first?["duration_seconds"] as? Int == 420)
                #expect(stops.first?["site_id"] as? String == site.uuidString.lowercased())
                // A period inside the stop shows it open, from its real start.
                let inside = try #require(try await document("/v1/vehicles/\(vehicle)/stops?from=\(minute(4))&to=\(minute(6))")["stops"] as? [[String: Any]])
                #expect(inside.count == 1 && inside.first?["open"] as? Bool == true && inside.first?["start"] as? String == minute(3))
                let later = try #require(try await document("/v1/vehicles/\(vehicle)/trips?from=\(minute(5))&to=\(minute(30))")["trips"] as? [[String: Any]])
                #expect(later.count == 1, "the trip that ended before the period is not in it")

                var kinds: [String] = []
                var times: [String] = []
                var cursor: String?
                var pages = 0
                repeat {
                    let page = try await document("/v1/gps/events?vehicle_id=\(vehicle)&\(period)&limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
                    let events = try #require(page["events"] as? [[String: Any]])
                    kinds += events.compactMap { $0["kind"] as? String }
                    times += events.compactMap { $0["at"] as? String }
                    cursor = page["next_cursor"] as? String
                    pages += 1
                } while cursor != nil && pages < 10
                #expect(pages == 3)
                #expect(kinds.count == 8 && Set(kinds).count == 7)
                #expect(times == times.sorted(by: >), "newest first")
                let stopsOnly = try await document("/v1/gps/events?device_id=\(fixture.device)&kind=stop.started&\(period)")
                #expect((stopsOnly["events"] as? [[String: Any]])?.count == 1)

                #expect(try await call("GET", "/v1/gps/events?kind=teleported", user, "").status == 422)
                #expect(try await call("GET", "/v1/vehicles/\(vehicle)/trips?from=\(minute(10))&to=\(minute(0))", user, "").status == 400)
                #expect(try await call("GET", "/v1/vehicles/\(vehicle)/stops?from=yesterday", user, "").status == 400)
                #expect(try await call("GET", "/v1/gps/events?cursor=%21%21", user, "").status == 400)
                // Each tenant has its own database: another tenant's vehicle id is unknown here.
                #expect(try await call("GET", "/v1/vehicles/\(UUID().uuidString.lowercased())/trips", user, "").status == 404)
            }
        }
    }
}
