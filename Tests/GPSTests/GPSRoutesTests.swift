import FieldOpsCore
import Foundation
import GatewayCore
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
    @Test("a tracker posts a batch with its token; users read the live map and the vehicle's track")
    func postThenRead() async throws {
        try await GPSFixture.run { fixture in
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
            func call(_ method: String, _ path: String, bearer: String, body: String = "") async throws -> HTTPClientResponse {
                try await client.execute(HTTPClientRequest(
                    method: method, url: base + path, headers: [("Authorization", "Bearer \(bearer)"), ("Content-Type", "application/json")],
                    body: Array(body.utf8)
                ))
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
            let user = AccessTokenIssuer(key: configuration.tokens.signingKey, issuer: configuration.tokens.issuer, audience: configuration.tokens.audience)
                .issue(subject: "manager-1", tenant: fixture.tenant, role: .manager, now: now).token

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

            await server.shutdown(gracePeriod: .seconds(1))
            await services.close()
        }
    }
}
