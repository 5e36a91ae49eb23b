import Foundation
import HTTPClient
import Identity
import Postgres
import Testing

/// An intervention from draft to validated: roles per move, required checklist items, a technician's
/// own work only, clock-ins against the geofence, and a signature that can never change.
@Suite("Intervention workflow")
struct InterventionWorkflowTests {
    @Test func anInterventionGoesFromDraftToValidatedByTheRules() async throws {
        try await TenantGateway.run { gateway in
            let manager = gateway.token(.manager)
            let technicianUser = try await Self.signedInTechnician(gateway)
            let siteID = try await gateway.create("sites", SiteResourceTests.site, token: manager)
            let technicianID = try await gateway.create("technicians", #"{"full_name":"Léa Martin","user_id":"\#(technicianUser.userID)","hourly_rate":42}"#, token: manager)
            let otherTechnician = try await gateway.create("technicians", #"{"full_name":"Paul Durand"}"#, token: manager)
            let interventionID = try await gateway.create("interventions", """
                {"site_id":"\(siteID)","work_type":"gros_oeuvre","title":"Coulage dalle R+1","estimated_minutes":240,
                 "required_skills":["macon"],"checklist_template":"coulage_beton","priority":"high",
                 "window_start":"2026-12-07T07:00:00+01:00","window_end":"2026-12-07T17:00:00+01:00"}
                """, token: manager)

            func move(_ to: String, as token: String, version: Int) async throws -> HTTPClientResponse {
                try await gateway.send("POST", "/v1/interventions/\(interventionID)/transitions", token: token, body: #"{"to":"\#(to)"}"#,
                                       headers: [("If-Match", "\"\(version)\"")])
            }
            #expect(try await move("done", as: manager, version: 1).status == 409, "draft cannot jump to done")
            #expect(try await move("planned", as: technicianUser.token, version: 1).status == 403)
            #expect(try await move("planned", as: manager, version: 1).status == 200)
            #expect(try await move("assigned", as: manager, version: 2).status == 409, "no technician yet")
            let status = try await gateway.send("PATCH", "/v1/interventions/\(interventionID)", token: manager, body: #"{"status":"done"}"#, headers: [("If-Match", "\"2\"")])
            #expect(status.invalidFields == ["status"], "status moves only through transitions")
            #expect(try await gateway.send("PATCH", "/v1/interventions/\(interventionID)", token: manager,
                                           body: #"{"assigned_technician_id":"\#(otherTechnician)"}"#, headers: [("If-Match", "\"2\"")]).status == 200)
            #expect(try await move("assigned", as: manager, version: 3).status == 200)
            #expect(try await move("in_progress", as: technicianUser.token, version: 4).status == 403, "not assigned to this technician")
            #expect(try await gateway.send("PATCH", "/v1/interventions/\(interventionID)", token: manager,
                                           body: #"{"assigned_technician_id":"\#(technicianID)"}"#, headers: [("If-Match", "\"4\"")]).status == 200)
            #expect(try await move("in_progress", as: technicianUser.token, version: 5).status == 200)

            let checklist = try JSONSerialization.jsonObject(with: Data(try await gateway.send("GET", "/v1/interventions/\(interventionID)/checklist", token: manager).body)) as? [[String: Any]]
            let items = try #require(checklist)
            #expect(!items.isEmpty, "the template's items were copied")
            let blocked = try await move("done", as: technicianUser.token, version: 6)
            #expect(blocked.status == 409)
            #expect(blocked.text.contains("checklist items are not answered"))
            for item in items {
                let position = try #require(item["position"] as? Int)
                let value: String = switch item["kind"] as? String {
                case "boolean": "true"
                case "number": "12.5"
                case "text": #""RAS""#
                default: #""\#(UUID().uuidString)""#
                }
                if item["kind"] as? String == "boolean" {
                    #expect(try await gateway.send("PUT", "/v1/interventions/\(interventionID)/checklist/\(position)", token: technicianUser.token,
                                                   body: #"{"value":"yes"}"#).invalidFields == ["value"])
                }
                let answered = try await gateway.send("PUT", "/v1/interventions/\(interventionID)/checklist/\(position)", token: technicianUser.token, body: #"{"value":\#(value)}"#)
                #expect(answered.status == 200, "\(answered.text)")
            }
            #expect(try await move("done", as: technicianUser.token, version: 6).status == 200)
            #expect(try await move("validated", as: technicianUser.token, version: 7).status == 403, "a technician does not validate their own work")
            #expect(try await move("validated", as: gateway.token(.siteLead), version: 7).status == 200)

            let signed = try await gateway.send("POST", "/v1/interventions/\(interventionID)/signatures", token: technicianUser.token, body: """
                {"signer_name":"M. Client","signer_role":"client","strokes":[[[0,0],[10,5],[20,3]]],"latitude":48.1174,"longitude":-1.6779}
                """)
            #expect(signed.status == 201, "\(signed.text)")
            #expect((try gateway.object(signed)["summary_sha256"] as? String)?.count == 64)
            #expect(try await gateway.send("POST", "/v1/interventions/\(interventionID)/signatures", token: technicianUser.token,
                                           body: #"{"signer_name":"X","signer_role":"boss"}"#).invalidFields == ["signer_role", "strokes"])
            let pool = try await gateway.harness.services.tenants.pool(for: gateway.slug)
            await #expect(throws: PostgresError.self, "signatures are immutable, even to SQL") {
                try await pool.query("UPDATE signatures SET signer_name = 'forged'")
            }
        }
    }

    @Test func clockInsAreFlaggedOutsideTheSiteGeofence() async throws {
        try await TenantGateway.run { gateway in
            let manager = gateway.token(.manager)
            let technician = try await Self.signedInTechnician(gateway)
            let siteID = try await gateway.create("sites", SiteResourceTests.site, token: manager)
            _ = try await gateway.create("technicians", #"{"full_name":"Léa Martin","user_id":"\#(technician.userID)"}"#, token: manager)
            let inside = try await gateway.send("POST", "/v1/time-clock", token: technician.token,
                                                body: #"{"site_id":"\#(siteID)","kind":"in","latitude":48.1175,"longitude":-1.6779,"accuracy_m":8}"#)
            #expect(inside.status == 201, "\(inside.text)")
            #expect(try gateway.object(inside)["outside_geofence"] as? Bool == false)
            let outside = try await gateway.send("POST", "/v1/time-clock", token: technician.token,
                                                 body: #"{"site_id":"\#(siteID)","kind":"out","latitude":48.1300,"longitude":-1.6778,"accuracy_m":8}"#)
            #expect(try gateway.object(outside)["outside_geofence"] as? Bool == true)
            #expect(((try gateway.object(outside)["distance_m"] as? Double) ?? 0) > 1_000)
            let bad = try await gateway.send("POST", "/v1/time-clock", token: technician.token,
                                             body: #"{"site_id":"nope","kind":"lunch","latitude":91,"longitude":0,"accuracy_m":-1}"#)
            #expect(bad.invalidFields == ["site_id", "kind", "latitude", "accuracy_m"])
            let flagged = try gateway.object(try await gateway.send("GET", "/v1/time-clock?outside_geofence=true", token: manager))
            #expect(flagged["total"] as? Int == 1)
        }
    }

    /// A technician user, invited and signed in for real: (user id, access token).
    static func signedInTechnician(_ gateway: TenantGateway) async throws -> (userID: String, token: String) {
        let invited = try gateway.object(try await gateway.send("POST", "/v1/users", token: gateway.token(.tenantAdmin),
                                                                body: #"{"email":"tech-\#(UUID().uuidString.prefix(8))@example.fr","role":"technician"}"#))
        let token = try #require(invited["invite_token"] as? String)
        let accepted = try await gateway.send("POST", "/v1/auth/invitations/accept", token: nil,
                                              body: #"{"tenant":"\#(gateway.slug)","token":"\#(token)","password":"\#(IdentityFlowTests.password)"}"#)
        let userID = try #require((invited["user"] as? [String: Any])?["id"] as? String)
        return (userID, try #require(try gateway.object(accepted)["access_token"] as? String))
    }
}
