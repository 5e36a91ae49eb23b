import Foundation
import Identity
import Postgres
import TestSupport
import Testing

@Suite("Planning API")
struct PlanningRoutesTests {
    static let day = "2030-03-12"

    @Test("a move that breaks constraints answers 409 with each conflict; a valid one applies with If-Match")
    func moves() async throws {
        try await TenantGateway.run { gateway in
            let pool = try await gateway.harness.services.tenants.pool(for: gateway.slug)
            let fixture = PlanningDayFixture(pool: pool, day: Self.day)
            let site = try await fixture.site(latitude: 48.86, longitude: 2.35)
            let plumber = try await fixture.technician(home: (48.87, 2.35), shift: ("08:00", "17:00"), skills: ["plombier": 1])
            let mason = try await fixture.technician(home: (48.87, 2.35), shift: ("08:00", "17:00"), skills: ["macon": 1])
            let booked = try await fixture.intervention(site: site, skills: ["plombier"], minutes: 60, window: ("08:00", "17:00"))
            try await fixture.book(booked, on: plumber, from: "10:00", to: "11:00")
            let moving = try await fixture.intervention(site: site, skills: ["plombier"], minutes: 60, window: ("09:00", "12:00"))
            let version = try await fixture.booking(moving).version
            let token = gateway.token(.manager)

            func move(to technician: UUID, at clock: String, ifMatch: Int) async throws -> (status: Int, body: [String: Any], etag: String?) {
                let start = try await pool.query("SELECT to_char(\(fixture.instant(clock))::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")[0]
                    .decode(String.self, at: 0)
                let response = try await gateway.send(
                    "POST", "/v1/planning/moves", token: token,
                    body: #"{"intervention_id":"\#(moving.uuidString.lowercased())","technician_id":"\#(technician.uuidString.lowercased())","start":"\#(start)"}"#,
                    headers: [("If-Match", "\"\(ifMatch)\"")]
                )
                return (response.status, try gateway.object(response), response.header("ETag"))
            }

            // The mason lacks the skill; on the plumber, 10:30 overlaps the booked work; 11:30 ends past the window.
            let wrongSkill = try await move(to: mason, at: "09:00", ifMatch: version)
            #expect(wrongSkill.status == 409)
            #expect(Self.codes(wrongSkill.body) == ["skill_missing"])
            let overlapping = try await move(to: plumber, at: "10:30", ifMatch: version)
            #expect(overlapping.status == 409)
            #expect(Self.codes(overlapping.body).isSuperset(of: ["overlap"]))
            let late = try await move(to: plumber, at: "11:30", ifMatch: version)
            #expect(late.status == 409)
            #expect(Self.codes(late.body).contains("outside_window"))
            #expect(try await fixture.booking(moving).technician == nil)

            let stale = try await move(to: plumber, at: "09:00", ifMatch: version + 1)
            #expect(stale.status == 412)
            let valid = try await move(to: plumber, at: "09:00", ifMatch: version)
            #expect(valid.status == 200, "\(valid.body)")
            #expect(valid.etag == "\"\(version + 1)\"")
            let stored = try await fixture.booking(moving)
            #expect(stored.technician == plumber && stored.start == "09:00" && stored.end == "10:00")
            #expect(stored.status == "assigned" && stored.version == version + 1)
        }
    }

    @Test("planning a day is a job: 202 with its location, 422 for a bad day, 403 for a technician")
    func assign() async throws {
        try await TenantGateway.run { gateway in
            let manager = gateway.token(.manager)
            let accepted = try await gateway.send("POST", "/v1/planning/assign", token: manager, body: #"{"day":"\#(Self.day)","mode":"preview","seed":4}"#)
            #expect(accepted.status == 202, "\(accepted.text)")
            #expect(accepted.header("Location")?.hasPrefix("/v1/jobs/") == true)
            let invalid = try await gateway.send("POST", "/v1/planning/assign", token: manager, body: #"{"day":"2030-02-30","mode":"commit"}"#)
            #expect(invalid.status == 422)
            #expect(invalid.invalidFields == ["day"])
            let technician = try await gateway.send("POST", "/v1/planning/assign", token: gateway.token(.technician), body: #"{"day":"\#(Self.day)","mode":"commit"}"#)
            #expect(technician.status == 403)
        }
    }

    static func codes(_ problem: [String: Any]) -> Set<String> {
        Set((problem["conflicts"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
    }
}
