import Foundation
import GPS
import GPSIngest
import HTTPClient
import HTTPServer
import Postgres
import Redis
import Telemetry
import TestSupport
import Testing

/// The OsmAnd endpoint and the GPS worker against the real broker, databases and Redis.
@Suite("GPS ingestion", .serialized, .timeLimit(.minutes(3)))
struct GPSIngestionTests {
    /// The OsmAnd endpoint in this process, publishing to the fixture's exchange.
    func withOsmAndServer(_ fixture: GPSFixture, _ body: (String) async throws -> Void) async throws {
        var router = Router()
        OsmAndRoutes(
            intake: PositionIntake(broker: fixture.broker, configuration: GPSIngestConfiguration(positionsExchange: fixture.exchange)),
            directory: DeviceDirectory(controlPlane: fixture.controlPlane)
        ).register(in: &router)
        let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0), router: router, logger: TestServices.logger, metrics: MetricsRegistry())
        try server.start()
        do {
            try await body("http://127.0.0.1:\(server.port)")
        } catch {
            await server.shutdown(gracePeriod: .seconds(1))
            throw error
        }
        await server.shutdown(gracePeriod: .seconds(1))
    }

    @Test("every OsmAnd form is stored once; invalid positions and unknown devices get 400 with the reason and store nothing")
    func osmAndForms() async throws {
        try await GPSFixture.run { fixture in
            try fixture.startWorker()
            try await withOsmAndServer(fixture) { base in
                let client = HTTPClient()
                let now = Int64(Date().timeIntervalSince1970)
                func send(_ method: String, _ query: String, body: String = "", contentType: String? = nil) async throws -> HTTPClientResponse {
                    try await client.execute(HTTPClientRequest(
                        method: method, url: base + "/" + query, headers: contentType.map { [("Content-Type", $0)] } ?? [], body: Array(body.utf8)
                    ))
                }
                let device = fixture.device
                let seconds = try await send("GET", "?id=\(device)&lat=48.85&lon=2.35&timestamp=\(now - 300)&speed=10&batt=80&driverUniqueId=D7")
                #expect(seconds.status == 200)
                let form = try await send(
                    "POST", "", body: "deviceid=\(device)&location=48.86,2.36&timestamp=\((now - 200) * 1000)", contentType: "application/x-www-form-urlencoded"
                )
                #expect(form.status == 200)
                let json = """
                    {"device_id": "\(device)", "location": {"timestamp": "\(iso(now - 100))",
                     "coords": {"latitude": 48.87, "longitude": 2.37, "speed": 3.5, "heading": 90}}}
                    """
                #expect(try await send("POST", "", body: json, contentType: "application/json").status == 200)
                #expect(try await send("GET", "?id=\(device)&lat=48.85&lon=2.35&timestamp=\(now - 300)&speed=10").status == 200, "a repeat is accepted")

                let badLatitude = try await send("GET", "?id=\(device)&lat=95&lon=2.35")
                #expect(badLatitude.status == 400)
                #expect(badLatitude.bodyText.contains("latitude"))
                let old = try await send("GET", "?id=\(device)&lat=48&lon=2&timestamp=2020-01-01T00:00:00Z")
                #expect(old.status == 400)
                #expect(old.bodyText.contains("fix_time"))
                let unknown = try await send("GET", "?id=nobody_\(fixture.prefix.suffix(8))&lat=48&lon=2")
                #expect(unknown.status == 400)
                #expect(unknown.bodyText.contains("not a registered device"))

                try await eventually(timeout: .seconds(30)) { try await fixture.storedCount() >= 3 }
                // Time for a wrongly stored fourth row to show up, had the repeat or a refused one gone through.
                try await Task.sleep(for: .milliseconds(500))
                #expect(try await fixture.storedCount() == 3)
                let pool = try await fixture.tenantPool()
                let first = try await pool.query("""
                    SELECT speed, battery, attributes->>'driverUniqueId' FROM positions WHERE device_id = \(device) ORDER BY fix_time LIMIT 1
                    """).decode((Float?, Float?, String?).self)[0]
                #expect(abs(Double(first.0 ?? 0) - 5.144) < 0.01, "10 knots are 5.144 m/s")
                #expect(first.1 == 80 && first.2 == "D7")

                try await eventually { try await usage(fixture) == 3 }
                let live = try await LiveFleet(redis: try TestServices.redisPool()).all(tenant: fixture.tenant)
                #expect(live.map(\.deviceID) == [device])
                #expect(live.first?.latitude == 48.87)
            }
        }
    }

    @Test("a scripted drive through the worker gives exactly its events, stored and published; replaying it adds nothing")
    func scriptedDrive() async throws {
        try await GPSFixture.run { fixture in
            // The drive is half an hour old: a sweep must not find the device offline meanwhile.
            try await fixture.setOfflineAfter(seconds: 86_400)
            let pool = try await fixture.tenantPool()
            let site = try await pool.query("""
                INSERT INTO sites (code, name, site_type, client_name, latitude, longitude)
                VALUES ('GPS-1', 'Chantier', 'building', 'Client', 48.8566, 2.3522) RETURNING id
                """).decode(UUID.self)[0]
            let start = (Int64(Date().timeIntervalSince1970) - 1800) * 1000
            let legs: [(minute: Int64, offset: Double, speed: Double)] = [
                (0, -0.009, 10), (1, -0.0045, 10), (2, -0.0005, 5), (3, 0, 0), (4, 0, 0), (5, 0, 0), (6, 0, 0), (7, 0, 0), (8, 0, 0), (9, 0, 0),
                (10, 0.0005, 6), (11, 0.0045, 10),
            ]
            let drive = legs.map {
                Position(deviceID: fixture.device, fixTime: start + $0.minute * 60_000, latitude: 48.8566 + $0.offset, longitude: 2.3522, speed: $0.speed)
            }
            let batches = [Array(drive[0..<4]), Array(drive[4..<9]), Array(drive[9...])]
            for batch in batches { try await fixture.publish(batch) }
            try fixture.startWorker()

            let expected: [(String, Int64)] = [
                ("device.online", 0), ("trip.started", 0), ("geofence.entered", 2), ("trip.ended", 3), ("stop.started", 3), ("stop.ended", 10), ("trip.started", 10),
                ("geofence.exited", 11),
            ]
            func stored() async throws -> [(String, Int64)] {
                try await pool.query("""
                    SELECT kind, (extract(epoch FROM occurred_at) * 1000)::int8 FROM gps_events WHERE device_id = \(fixture.device)
                    """).decode((String, Int64).self).map { ($0.0, ($0.1 - start) / 60_000) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            }
            try await eventually(timeout: .seconds(30)) { try await stored().count >= expected.count }
            let sortedExpected = expected.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            #expect(try await stored().map(\.0) == sortedExpected.map(\.0))
            #expect(try await stored().map(\.1) == sortedExpected.map(\.1))
            let entered = try await pool.query("SELECT site_id FROM gps_events WHERE kind = 'geofence.entered'").decode(UUID?.self)
            #expect(entered == [site])

            let published = try await fixture.connection.take(expected.count, from: fixture.eventsQueue)
            #expect(Set(published.map(\.routingKey)) == Set(expected.map { "gps." + $0.0 }))
            #expect(published.allSatisfy { $0.properties.type == "gps.event.v1" })

            for batch in batches { try await fixture.publish(batch) }
            try await eventually { try await fixture.connection.inspectQueue(name: fixture.shards[0]).messageCount == 0 }
            try await eventually { try await fixture.connection.inspectQueue(name: fixture.shards[1]).messageCount == 0 }
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await fixture.storedCount() == drive.count)
            #expect(try await stored().count == expected.count)
            #expect(try await fixture.connection.inspectQueue(name: fixture.eventsQueue).messageCount == 0, "no event published twice")
        }
    }

    @Test("a device silent past its tenant's threshold goes offline once; its next fix brings it online once")
    func presence() async throws {
        try await GPSFixture.run { fixture in
            try await fixture.setOfflineAfter(seconds: 2)
            try fixture.startWorker(overrides: ["FIELDOPS_GPS_PRESENCE_SWEEP_MS": "300"])
            let first = EpochClock.nowMilliseconds() - 500
            try await fixture.publish([Position(deviceID: fixture.device, fixTime: first, latitude: 45, longitude: 5, speed: 0)])
            try await eventually(timeout: .seconds(30)) { try await fixture.storedEventKinds() == ["device.online", "device.offline"] }
            // Several sweeps later, still one offline event.
            try await Task.sleep(for: .seconds(1.5))
            #expect(try await fixture.storedEventKinds() == ["device.online", "device.offline"])
            let pool = try await fixture.tenantPool()
            let offlineAt = try await pool.query("""
                SELECT (extract(epoch FROM occurred_at) * 1000)::int8 FROM gps_events WHERE device_id = \(fixture.device) AND kind = 'device.offline'
                """).decode(Int64.self)
            #expect(offlineAt == [first + 2000], "offline at the last fix plus the threshold")

            try await fixture.publish([Position(deviceID: fixture.device, fixTime: EpochClock.nowMilliseconds(), latitude: 45.001, longitude: 5, speed: 0)])
            try await eventually(timeout: .seconds(30)) { try await fixture.storedEventKinds().count == 3 }
            #expect(try await fixture.storedEventKinds() == ["device.online", "device.offline", "device.online"])

            let published = try await fixture.connection.take(3, from: fixture.eventsQueue)
            #expect(published.map(\.routingKey).sorted() == ["gps.device.offline", "gps.device.online", "gps.device.online"])
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await fixture.connection.inspectQueue(name: fixture.eventsQueue).messageCount == 0, "no event published twice")
        }
    }

    @Test("with two workers and one killed with SIGKILL mid-stream, every position is stored once and each device's fixes in order")
    func killedWorkerLosesNothing() async throws {
        try await GPSFixture.run { fixture in
            let devices = (0..<16).map { "\(fixture.device)_\($0)" }
            for device in devices { try await fixture.register(device) }
            let first = try fixture.startWorker()
            try fixture.startWorker()
            let start = (Int64(Date().timeIntervalSince1970) - 3600) * 1000
            let batchesPerDevice = 40
            let perBatch = 25
            for round in 0..<batchesPerDevice {
                if round == batchesPerDevice / 3 { first.kill(SIGKILL) }
                for (index, device) in devices.enumerated() {
                    let positions = (0..<perBatch).map { step in
                        let sequence = Int64(round * perBatch + step)
                        return Position(
                            deviceID: device, fixTime: start + sequence * 1000, latitude: 45 + Double(index) * 0.01 + Double(sequence) * 0.00001,
                            longitude: 5, speed: 8
                        )
                    }
                    try await fixture.publish(positions)
                }
            }
            let total = devices.count * batchesPerDevice * perBatch
            let pool = try await fixture.tenantPool()
            func count() async throws -> Int {
                try await pool.query("SELECT count(*) FROM positions WHERE device_id = ANY(\(devices))").decode(Int.self)[0]
            }
            try await eventually(timeout: .seconds(90)) { try await count() == total }
            #expect(try await count() == total)
            // A later fix committed in an earlier transaction than an earlier one would show here.
            let outOfOrder = try await pool.query("""
                SELECT count(*) FROM (
                    SELECT stored_at, lag(stored_at) OVER (PARTITION BY device_id ORDER BY fix_time) AS previous
                    FROM positions WHERE device_id = ANY(\(devices))) ordered
                WHERE previous > stored_at
                """).decode(Int.self)[0]
            #expect(outOfOrder == 0)
            let states = try await pool.query("""
                SELECT count(*) FROM device_states WHERE device_id = ANY(\(devices))
                AND (state->>'last_fix_time')::int8 = \(start + Int64(batchesPerDevice * perBatch - 1) * 1000)
                """).decode(Int.self)[0]
            #expect(states == devices.count, "every device's state reached its last fix")
        }
    }

    @Test("a device's own MQTT login publishes to its topic only: its position lands; another device's topic and a wrong password are refused")
    func mqtt() async throws {
        try await GPSFixture.run { fixture in
            try await fixture.connection.bindExchange(destination: fixture.exchange, source: "amq.topic", routingKey: "gps.\(fixture.tenant).#")
            let other = "\(fixture.device)_other"
            let otherLogin = try await fixture.register(other).mqtt
            try fixture.startWorker()
            let login = try #require(fixture.deviceCredentials).mqtt
            #expect(login.username == "gps.\(fixture.tenant).\(fixture.device)")
            let port = TestServices.environment.string("FIELDOPS_MQTT_PORT", default: "21883")
            let script = """
                import sys, time, paho.mqtt.client as mqtt
                client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=sys.argv[1])
                client.username_pw_set(sys.argv[2], sys.argv[3])
                connected = []
                client.on_connect = lambda c, u, flags, reason, properties: connected.append(not reason.is_failure)
                client.connect("127.0.0.1", int(sys.argv[4]))
                client.loop_start()
                deadline = time.time() + 10
                while not connected and time.time() < deadline:
                    time.sleep(0.02)
                if connected != [True]:
                    print("refused")
                else:
                    message = client.publish(sys.argv[5], sys.argv[6], qos=1)
                    try:
                        message.wait_for_publish(5)
                    except Exception:
                        pass
                    print("published" if message.is_published() else "dropped")
                client.loop_stop()
                """
            let body = #"{"location": {"timestamp": "\#(iso(Int64(Date().timeIntervalSince1970) - 30))", "coords": {"latitude": 43.6, "longitude": 1.44, "speed": 2}}}"#
            func publish(_ password: String, to device: String, as username: String = login.username) async throws -> String {
                let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: [
                    "python3", "-c", script, TestServices.uniqueName(fixture.prefix), username, password, port, "gps/\(fixture.tenant)/\(device)", body,
                ])
                #expect(result.status == 0, "\(result.errorOutput)")
                return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            #expect(try await publish(login.password, to: other) == "dropped", "topic authorisation refuses another device's topic")
            #expect(try await publish(String(login.password.reversed()), to: fixture.device) == "refused")
            #expect(try await publish(login.password, to: fixture.device) == "published")
            try await eventually(timeout: .seconds(30)) { try await fixture.storedCount() == 1 }
            let pool = try await fixture.tenantPool()
            #expect(try await pool.query("SELECT latitude FROM positions WHERE device_id = \(fixture.device)").decode(Double.self) == [43.6])
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await fixture.storedCount(device: other) == 0)

            // Removing the device removes its login.
            try await fixture.registry.remove(deviceID: fixture.device, tenant: fixture.tenant)
            #expect(try await publish(login.password, to: fixture.device) == "refused")

            // Deleting the tenant removes the logins of the trackers it still had.
            #expect(try await publish(otherLogin.password, to: other, as: otherLogin.username) == "published")
            let abandon = try await CommandLineRun(["tenant", "abandon", fixture.tenant, "--yes"])
            #expect(abandon.status == 0, "\(abandon.errorOutput)")
            #expect(abandon.output.contains("broker users of 1 device(s) removed"))
            #expect(try await publish(otherLogin.password, to: other, as: otherLogin.username) == "refused")
        }
    }

    private func usage(_ fixture: GPSFixture) async throws -> Int {
        try await fixture.controlPlane.query("""
            SELECT coalesce(sum(positions), 0)::int8 FROM tenant_usage_daily u JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = \(fixture.tenant)
            """).decode(Int.self)[0]
    }
}

/// ISO-8601 in UTC with a Z, for request bodies.
func iso(_ seconds: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
}
