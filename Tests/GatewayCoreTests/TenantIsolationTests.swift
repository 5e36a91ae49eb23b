import Domain
import Foundation
import HTTPClient
import HTTPServer
import Identity
import Testing

/// Tenant B's records seen with tenant A's token are absent (404) on every route that takes an id,
/// while B's own token reaches them; and every role meets exactly the permission matrix.
@Suite("Tenant isolation and roles")
struct TenantIsolationTests {
    /// One record of every resource in tenant B, created through the API: resource name → id.
    static func seed(_ gateway: TenantGateway, tenant: String) async throws -> (ids: [String: String], bodies: [String: String]) {
        let token = gateway.token(.tenantAdmin, tenant: tenant)
        var ids: [String: String] = [:]
        var bodies: [String: String] = [:]
        func make(_ resource: String, _ body: String) async throws {
            bodies[resource] = body
            ids[resource] = try await gateway.create(resource, body, token: token)
        }
        try await make("sites", SiteResourceTests.site)
        let site = ids["sites"]!
        try await make("phases", #"{"site_id":"\#(site)","name":"Fondations","planned_start":"2026-09-01","planned_end":"2026-10-15"}"#)
        try await make("milestones", #"{"site_id":"\#(site)","name":"Hors d'eau","due_on":"2027-02-01"}"#)
        try await make("documents", #"{"site_id":"\#(site)","title":"Permis de construire","kind":"permit"}"#)
        let upload = try await gateway.harness.client.execute(HTTPClientRequest(
            method: "POST", url: gateway.harness.baseURL + "/v1/documents/\(ids["documents"]!)/revisions",
            headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/pdf")], body: Array("%PDF-1.4 plan".utf8)
        ))
        try #require(upload.status == 201, "\(upload.text)")
        try await make("teams", #"{"name":"Équipe gros œuvre"}"#)
        try await make("technicians", #"{"full_name":"Léa Martin","team_id":"\#(ids["teams"]!)","home_latitude":48.1,"home_longitude":-1.7}"#)
        let technician = ids["technicians"]!
        try await make("technician-skills", #"{"technician_id":"\#(technician)","skill":"macon","level":3,"certified_until":"2027-12-31"}"#)
        try await make("shifts", #"{"technician_id":"\#(technician)","starts_at":"2026-12-07T07:30:00+01:00","ends_at":"2026-12-07T16:30:00+01:00"}"#)
        try await make("absences", #"{"technician_id":"\#(technician)","starts_at":"2026-12-24T00:00:00+01:00","ends_at":"2026-12-27T00:00:00+01:00","reason":"leave"}"#)
        try await make("depots", #"{"name":"Dépôt Rennes Sud","latitude":48.08,"longitude":-1.68}"#)
        try await make("vehicles", #"{"plate":"GH-123-JK","label":"Master 3","kind":"van","depot_id":"\#(ids["depots"]!)"}"#)
        try await make("equipment", #"{"name":"Bétonnière 350 L","category":"béton","serial_number":"BTN-\#(UUID().uuidString.prefix(6))"}"#)
        try await make("reservations", #"{"equipment_id":"\#(ids["equipment"]!)","site_id":"\#(site)","reserved_from":"2026-12-07T07:00:00Z","reserved_until":"2026-12-08T17:00:00Z"}"#)
        try await make("maintenance-logs", #"{"equipment_id":"\#(ids["equipment"]!)","performed_on":"2026-11-30","kind":"service","cost":120}"#)
        try await make("stock-levels", #"{"material":"CIM-CEM2-35","site_id":"\#(site)","quantity":40}"#)
        try await make("purchase-orders", #"{"number":"PO-2026-001","supplier":"Point P","site_id":"\#(site)","lines":[{"material":"CIM-CEM2-35","quantity":20,"unit_price":9.8}]}"#)
        try await make("interventions", #"{"site_id":"\#(site)","work_type":"gros_oeuvre","title":"Coulage","estimated_minutes":120,"checklist_template":"coulage_beton"}"#)
        try await make("material-consumptions", #"{"intervention_id":"\#(ids["interventions"]!)","material":"CIM-CEM2-35","quantity":3,"unit_cost":9.8}"#)
        try await make("incidents", #"{"site_id":"\#(site)","kind":"hazard","severity":"major","description":"Tranchée non balisée"}"#)
        let punch = try await gateway.send("POST", "/v1/time-clock", token: token,
                                           body: #"{"site_id":"\#(site)","technician_id":"\#(technician)","kind":"in","latitude":48.1173,"longitude":-1.6778,"accuracy_m":5}"#)
        ids["time-clock"] = try #require(try gateway.object(punch)["id"] as? String)
        let signature = try await gateway.send("POST", "/v1/interventions/\(ids["interventions"]!)/signatures", token: token,
                                               body: #"{"signer_name":"Client","signer_role":"client","strokes":[[[1,2],[3,4]]]}"#)
        ids["signatures"] = try #require(try gateway.object(signature)["id"] as? String)
        let invited = try gateway.object(try await gateway.send("POST", "/v1/users", token: token, body: #"{"email":"someone@example.fr","role":"site_lead"}"#))
        ids["users"] = try #require((invited["user"] as? [String: Any])?["id"] as? String)
        let accepted = try await gateway.send("POST", "/v1/auth/invitations/accept", token: nil, body: """
            {"tenant":"\(tenant)","token":"\(try #require(invited["invite_token"] as? String))","password":"\(IdentityFlowTests.password)"}
            """)
        try #require(accepted.status == 200)
        try await make("webhooks", #"{"url":"https://erp.example.fr/hooks/fieldops","event_types":["report.ready"],"description":"ERP"}"#)
        let pool = try await gateway.harness.services.tenants.pool(for: tenant)
        ids["notifications"] = try await pool.query("""
            INSERT INTO inbox_notifications (user_id, event_type, priority, title, body)
            VALUES (\(UUID(uuidString: ids["users"]!)), 'message', 'normal', 'Bonjour', 'Test') RETURNING id::text
            """).decode(String.self)[0]
        return (ids, bodies)
    }

    /// A request that reaches the record of `id` on `endpoint`, valid apart from the tenant; a
    /// nested record (a signature of the intervention) is the one in `ids`.
    static func request(_ endpoint: (method: HTTPMethod, template: String), id: String, ids: [String: String], bodies: [String: String]) -> (path: String, body: String, headers: [(name: String, value: String)]) {
        let path = endpoint.template.replacingOccurrences(of: "{id}", with: id).replacingOccurrences(of: "{position}", with: "1")
            .replacingOccurrences(of: "{revision}", with: "1").replacingOccurrences(of: "{signature_id}", with: ids["signatures"] ?? "")
        let resource = String(endpoint.template.split(separator: "/")[1])
        let ifMatch = [(name: "If-Match", value: "\"1\"")]
        switch (endpoint.method, endpoint.template) {
        case (.patch, _):
            let definition = ResourceCatalog.named(resource)!
            let sample = (try? JSONSerialization.jsonObject(with: Data((bodies[resource] ?? "{}").utf8)) as? [String: Any]) ?? [:]
            let updatable = sample.filter { definition.field($0.key)?.updatable ?? false }
            let body = updatable.isEmpty ? #"{"display_name":"Quelqu'un"}"# : String(decoding: try! JSONSerialization.data(withJSONObject: updatable), as: UTF8.self)
            return (path, body, ifMatch)
        case (.delete, _): return (path, "", ifMatch)
        case (_, let template) where template.hasSuffix("/transitions"): return (path, #"{"to":"planned"}"#, ifMatch)
        case (_, let template) where template.hasSuffix("/checklist/{position}"): return (path, #"{"value":true}"#, [])
        case (_, let template) where template.hasSuffix("/signatures"): return (path, #"{"signer_name":"X","signer_role":"client","strokes":[[[0,0]]]}"#, [])
        case (.put, _): return (path, bodies[resource] ?? "{}", [])
        default: return (path, "", [])
        }
    }

    @Test func anotherTenantsIdsAreAbsentOnEveryRouteWhileTheOwnersAreServed() async throws {
        try await TenantGateway.run(tenants: 2) { gateway in
            let a = gateway.tenants[0].slug, b = gateway.tenants[1].slug
            let (ids, bodies) = try await Self.seed(gateway, tenant: b)
            let aToken = gateway.token(.tenantAdmin, tenant: a)
            let bToken = gateway.token(.tenantAdmin, tenant: b)
            // An inbox entry is its recipient's own: the owner's control uses the recipient's token.
            let recipient = gateway.token(.tenantAdmin, tenant: b, subject: ids["users"]!)
            var covered = 0
            // Mutations last, deletions very last, so the positive controls find their records.
            let order: [HTTPMethod] = [.get, .put, .post, .patch, .delete]
            let endpoints = gateway.harness.endpoints
                .filter { $0.template.hasPrefix("/v1/") && $0.template.contains("{id}") && !$0.template.hasPrefix("/v1/jobs/") && !$0.template.hasPrefix("/v1/reports/") }
                .sorted { order.firstIndex(of: $0.method) ?? 9 < order.firstIndex(of: $1.method) ?? 9 }
            for endpoint in endpoints {
                let resource = String(endpoint.template.split(separator: "/")[1])
                let id = try #require(ids[resource], "no \(resource) record to try \(endpoint.method) \(endpoint.template) on")
                let (path, body, headers) = Self.request(endpoint, id: id, ids: ids, bodies: bodies)
                let foreign = try await gateway.send(endpoint.method.rawValue, path, token: aToken, body: body, headers: headers)
                #expect(foreign.status == 404, "\(endpoint.method) \(endpoint.template) with another tenant's id: \(foreign.status) \(foreign.text.prefix(200))")
                let own = try await gateway.send(endpoint.method.rawValue, path, token: resource == "notifications" ? recipient : bToken, body: body, headers: headers)
                #expect(own.status != 404 && own.status < 500, "\(endpoint.method) \(endpoint.template) for the owner: \(own.status) \(own.text.prefix(200))")
                if endpoint.method == .get { #expect(own.status == 200) }
                covered += 1
            }
            #expect(covered >= ResourceCatalog.all.count * 2, "every resource's routes were tried")
            let listed = try gateway.object(try await gateway.send("GET", "/v1/sites", token: aToken))
            #expect(listed["total"] as? Int == 0, "lists show only the caller's tenant")
        }
    }

    @Test func everyRoleMeetsExactlyThePermissionMatrix() async throws {
        try await TenantGateway.run { gateway in
            let (ids, _) = try await Self.seed(gateway, tenant: gateway.slug)
            for definition in ResourceCatalog.all {
                let id = try #require(ids[definition.name])
                let stale = [(name: "If-Match", value: "\"999\"")]
                var attempts: [(DomainAction, String, String, [(name: String, value: String)])] = [(.read, "GET", definition.path, []), (.read, "GET", "\(definition.path)/\(id)", [])]
                if definition.creatable { attempts.append((.create, "POST", definition.path, [])) }
                if !definition.fields.isEmpty { attempts.append((.update, "PATCH", "\(definition.path)/\(id)", stale)) }
                if definition.deletable { attempts.append((.delete, "DELETE", "\(definition.path)/\(id)", stale)) }
                for role in Role.allCases where role != .platformAdmin {
                    for (action, method, path, headers) in attempts {
                        let response = try await gateway.send(method, path, token: gateway.token(role), body: method == "GET" || method == "DELETE" ? "" : "{}", headers: headers)
                        let allowed = PermissionMatrix.allows(role, Permission(definition.area, action))
                        #expect((response.status == 403) == !allowed, "\(role.rawValue) \(method) \(path): \(response.status)")
                    }
                }
            }
            let platform = try await gateway.send("GET", "/v1/sites", token: gateway.harness.token(role: .platformAdmin, tenant: nil))
            #expect(platform.status == 403, "platform administrators do not browse tenants' data")
        }
    }
}
