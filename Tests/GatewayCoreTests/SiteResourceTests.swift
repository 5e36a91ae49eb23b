import Foundation
import HTTPClient
import Identity
import Testing

/// The common resource verbs on sites, through the real gateway into a real tenant database.
@Suite("Domain resources")
struct SiteResourceTests {
    static let site = #"{"code":"CH-001","name":"Résidence Les Tilleuls","site_type":"building","client_name":"Habitat 35","latitude":48.1173,"longitude":-1.6778,"budget":250000,"starts_on":"2026-09-01","ends_on":"2027-06-30"}"#

    @Test func aSiteIsCreatedReadChangedWithIfMatchAndDeleted() async throws {
        try await TenantGateway.run { gateway in
            let manager = gateway.token(.manager)
            let created = try await gateway.send("POST", "/v1/sites", token: manager, body: Self.site)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.header("ETag") == "\"1\"")
            let id = try #require(try gateway.object(created)["id"] as? String)
            #expect(created.header("Location") == "/v1/sites/\(id)")

            let read = try await gateway.send("GET", "/v1/sites/\(id)", token: gateway.token(.technician))
            #expect(read.status == 200)
            #expect(try gateway.object(read)["name"] as? String == "Résidence Les Tilleuls")
            #expect(try await gateway.send("GET", "/v1/sites/\(id)", token: manager, headers: [("If-None-Match", "\"1\"")]).status == 304)

            let change = #"{"status":"active","budget":260000.5}"#
            #expect(try await gateway.send("PATCH", "/v1/sites/\(id)", token: manager, body: change).status == 428)
            let changed = try await gateway.send("PATCH", "/v1/sites/\(id)", token: manager, body: change, headers: [("If-Match", "\"1\"")])
            #expect(changed.status == 200, "\(changed.text)")
            #expect(changed.header("ETag") == "\"2\"")
            #expect(try gateway.object(changed)["status"] as? String == "active")

            let stale = try await gateway.send("PATCH", "/v1/sites/\(id)", token: manager, body: #"{"name":"Autre"}"#, headers: [("If-Match", "\"1\"")])
            #expect(stale.status == 412)
            #expect(stale.header("ETag") == "\"2\"")

            #expect(try await gateway.send("DELETE", "/v1/sites/\(id)", token: manager, headers: [("If-Match", "\"1\"")]).status == 412)
            #expect(try await gateway.send("DELETE", "/v1/sites/\(id)", token: manager, headers: [("If-Match", "\"2\"")]).status == 204)
            #expect(try await gateway.send("GET", "/v1/sites/\(id)", token: manager).status == 404)
        }
    }

    @Test func listsFilterSortAndPage() async throws {
        try await TenantGateway.run { gateway in
            let manager = gateway.token(.manager)
            for (code, status) in [("A-1", "active"), ("B-2", "planned"), ("C-3", "active")] {
                let body = Self.site.replacingOccurrences(of: "CH-001", with: code).replacingOccurrences(of: "Résidence Les Tilleuls", with: "Site \(code)")
                let id = try await gateway.create("sites", body, token: manager)
                if status == "active" {
                    #expect(try await gateway.send("PATCH", "/v1/sites/\(id)", token: manager, body: #"{"status":"active"}"#, headers: [("If-Match", "\"1\"")]).status == 200)
                }
            }
            let active = try gateway.object(try await gateway.send("GET", "/v1/sites?status=active&sort=-code", token: manager))
            #expect((active["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["C-3", "A-1"])
            #expect(active["total"] as? Int == 2)
            let page = try gateway.object(try await gateway.send("GET", "/v1/sites?sort=code&limit=1&offset=1", token: manager))
            #expect((page["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["B-2"])
            #expect(page["total"] as? Int == 3)

            let unknown = try await gateway.send("GET", "/v1/sites?colour=red&sort=secret&limit=1000", token: manager)
            #expect(unknown.status == 422)
            #expect(unknown.invalidFields == ["colour", "sort", "limit"])
        }
    }

    @Test func badInputIsRefusedFieldByField() async throws {
        try await TenantGateway.run { gateway in
            let manager = gateway.token(.manager)
            let cases: [(body: String, fields: Set<String>)] = [
                (#"{"code":12,"name":"","site_type":"building","client_name":"X","latitude":"north","longitude":200}"#, ["code", "name", "latitude", "longitude"]),
                (#"{"code":"X","name":"\#(String(repeating: "n", count: 5_000))","site_type":"b","client_name":"X","latitude":1,"longitude":1}"#, ["name"]),
                (#"{"code":"X","name":"N","site_type":"b","client_name":"X","latitude":1,"longitude":1,"geofence":{"polygon":[[0,0],[1,1],[1,0],[0,1]]}}"#, ["geofence"]),
                (#"{"code":"X","name":"N","site_type":"b","client_name":"X","latitude":1,"longitude":1,"starts_on":"2027-01-10","ends_on":"2026-01-10"}"#, ["ends_on"]),
                (#"{"code":"X","name":"N","site_type":"b","client_name":"X","latitude":1,"longitude":1,"starts_on":"2026-02-30"}"#, ["starts_on"]),
                (#"{"code":"X","name":"N","site_type":"b","client_name":"X","latitude":1,"longitude":1,"id":"6f1c2d7e-0000-4000-8000-000000000000","version":9,"tenant":"other"}"#, ["id", "version", "tenant"]),
                (#"{"name":"N"}"#, ["code", "site_type", "client_name", "latitude", "longitude"]),
                (#"[1,2]"#, ["body"]),
            ]
            for (body, fields) in cases {
                let response = try await gateway.send("POST", "/v1/sites", token: manager, body: body)
                #expect(response.status == 422, "\(body.prefix(80)) → \(response.status) \(response.text.prefix(300))")
                #expect(response.invalidFields == fields, "\(body.prefix(80))")
                #expect(response.header("Content-Type") == "application/problem+json")
            }
            #expect(try await gateway.send("POST", "/v1/sites", token: manager, body: "{not json").status == 400)
            let listed = try gateway.object(try await gateway.send("GET", "/v1/sites", token: manager))
            #expect(listed["total"] as? Int == 0, "nothing was stored")

            let id = try await gateway.create("sites", Self.site, token: manager)
            let reversed = try await gateway.send("PATCH", "/v1/sites/\(id)", token: manager, body: #"{"ends_on":"2026-01-01"}"#, headers: [("If-Match", "\"1\"")])
            #expect(reversed.status == 422)
            #expect(reversed.invalidFields == ["ends_on"], "the end is checked against the stored start")
            let duplicate = try await gateway.send("POST", "/v1/sites", token: manager, body: Self.site)
            #expect(duplicate.status == 409)
        }
    }

    @Test func documentsKeepEveryRevisionAndServeItsFile() async throws {
        try await TenantGateway.run { gateway in
            let manager = gateway.token(.manager)
            let site = try await gateway.create("sites", Self.site, token: manager)
            let document = try await gateway.create("documents", #"{"site_id":"\#(site)","title":"Plan RDC","kind":"plan"}"#, token: manager)
            func upload(_ bytes: [UInt8], type: String, token: String) async throws -> HTTPClientResponse {
                try await gateway.harness.client.execute(HTTPClientRequest(
                    method: "POST", url: gateway.harness.baseURL + "/v1/documents/\(document)/revisions",
                    headers: [("Authorization", "Bearer \(token)"), ("Content-Type", type)], body: bytes
                ))
            }
            let first = Array("%PDF-1.4 indice A".utf8), second = Array("%PDF-1.4 indice B, cotes corrigées".utf8)
            #expect(try await upload(first, type: "application/pdf", token: manager).status == 201)
            #expect(try await upload(second, type: "application/pdf", token: manager).status == 201)
            #expect(try await upload(first, type: "text/html", token: manager).status == 415)
            #expect(try await upload([], type: "application/pdf", token: manager).status == 422)
            #expect(try await upload(first, type: "application/pdf", token: gateway.token(.technician)).status == 403)

            let listed = try JSONSerialization.jsonObject(with: Data(try await gateway.send("GET", "/v1/documents/\(document)/revisions", token: manager).body)) as? [[String: Any]]
            #expect(listed?.compactMap { $0["revision"] as? Int } == [2, 1], "newest first, nothing replaced")
            let file = try await gateway.send("GET", "/v1/documents/\(document)/revisions/1/file", token: gateway.token(.technician))
            #expect(file.status == 200)
            #expect(file.body == first)
            #expect(file.header("Content-Type") == "application/pdf")
            #expect(try await gateway.send("GET", "/v1/documents/\(document)/revisions/3/file", token: manager).status == 404)
        }
    }
}
