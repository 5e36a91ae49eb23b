import FieldOpsCore
import Foundation
import HTTPClient
import Identity
import Tenancy
import TestSupport
import Testing

/// Uploads and listings against a real gateway over provisioned tenants, with the S3 blob store
/// (SeaweedFS) so the listing's signed URLs can be followed.
@Suite("Photo routes")
struct PhotoRoutesTests {
    /// A 64×48 black JPEG.
    static let jpeg = Array(Data(base64Encoded: "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAwAEADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDz+iiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKAP//Z")!)

    /// The same JPEG whose frame header claims 20000×20000 pixels.
    static var bomb: [UInt8] {
        var bytes = jpeg
        let sof = (0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 }!
        bytes.replaceSubrange((sof + 5)..<(sof + 9), with: [0x4E, 0x20, 0x4E, 0x20])
        return bytes
    }

    @Test func photosAreAcceptedCheckedByContentAndListedWithSignedURLs() async throws {
        let gateway = try await GatewayHarness(overrides: ["FIELDOPS_BLOB_STORE": "s3", "FIELDOPS_PHOTO_MAX_BYTES": "100000"])
        let other = TestServices.uniqueName("other")
        let provisioner = try TenantProvisioner(
            controlPlane: gateway.services.postgres, configuration: gateway.configuration.tenancy, logger: TestServices.logger
        )
        do {
            let ours = try await Self.intervention(of: gateway.tenant, provisioner: provisioner, gateway: gateway)
            let theirs = try await Self.intervention(of: other, provisioner: provisioner, gateway: gateway)
            let token = gateway.token(role: .technician)
            let path = "/v1/interventions/\(ours)/photos"
            let query = "?captured_at=2026-12-04T09:30:00%2B01:00&latitude=48.8809&longitude=2.3553&accuracy_m=8&note=Tableau%20pos%C3%A9"

            let accepted = try await Self.post(gateway, path + query, token: token, body: Self.jpeg)
            #expect(accepted.status == 202, "\(accepted.bodyText)")
            let body = try gateway.json(accepted)
            let job = try #require(body["job"] as? [String: Any])
            #expect(accepted.header("Location") == job["location"] as? String)
            #expect(body["status"] as? String == "queued" && body["width"] as? Int == 64 && body["format"] as? String == "jpeg")
            #expect(try await gateway.jobCount() == 1)

            #expect(try await Self.post(gateway, path, token: token, body: Array("plain text, named photo.jpg".utf8)).status == 415)
            let bomb = try await Self.post(gateway, path, token: token, body: Self.bomb)
            #expect(bomb.status == 422 && bomb.bodyText.contains("20000×20000"))
            #expect(try await Self.post(gateway, path, token: token, body: []).status == 422)
            #expect(try await Self.post(gateway, path, token: token, body: Self.jpeg + [UInt8](repeating: 0, count: 100_000)).status == 413)
            let badPlace = try await Self.post(gateway, path + "?latitude=91", token: token, body: Self.jpeg)
            #expect(badPlace.status == 422 && badPlace.bodyText.contains("longitude"))
            #expect(try await Self.post(gateway, "/v1/interventions/\(theirs)/photos", token: token, body: Self.jpeg).status == 404)
            #expect(try await gateway.request("GET", "/v1/interventions/\(theirs)/photos", token: token).status == 404)
            #expect(try await gateway.request("GET", "/v1/interventions/\(UUID())/photos", token: token).status == 404)
            #expect(try await gateway.jobCount() == 1, "refused uploads publish nothing")

            let listed = try await gateway.request("GET", path, token: token)
            #expect(listed.status == 200)
            let photos = try #require(try gateway.json(listed)["photos"] as? [[String: Any]])
            #expect(photos.count == 1)
            let photo = try #require(photos.first)
            #expect(photo["id"] as? String == body["id"] as? String)
            #expect(photo["note"] as? String == "Tableau posé" && photo["accuracy_m"] as? Double == 8)
            #expect(photo["declared_capture_at"] as? String == "2026-12-04T08:30:00Z")
            let urls = try #require(photo["urls"] as? [String: Any])
            #expect(urls["watermarked"] == nil, "not stamped yet")
            let original = try await gateway.client.execute(HTTPClientRequest(url: try #require(urls["original"] as? String)))
            #expect(original.status == 200 && original.body == Self.jpeg)

            let pool = try await gateway.services.tenants.pool(for: gateway.tenant)
            let site = try await pool.query("SELECT site_id::text FROM interventions WHERE id = \(UUID(uuidString: ours))").decode(String.self)[0]
            let bySite = try gateway.json(try await gateway.request("GET", "/v1/sites/\(site)/photos", token: token))
            #expect((bySite["photos"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [try #require(body["id"] as? String)])
            #expect(try await gateway.request("GET", "/v1/sites/\(UUID())/photos", token: token).status == 404)
        } catch {
            await Self.cleanUp([gateway.tenant, other], provisioner: provisioner, gateway: gateway)
            throw error
        }
        await Self.cleanUp([gateway.tenant, other], provisioner: provisioner, gateway: gateway)
    }

    @Test func withTheFilesystemStoreTheGatewaySignsAndServesTheLinks() async throws {
        let root = NSTemporaryDirectory() + "gateway-blobs-\(UUID().uuidString)"
        let gateway = try await GatewayHarness(overrides: ["FIELDOPS_BLOB_STORE": "filesystem", "FIELDOPS_BLOB_ROOT": root])
        let provisioner = try TenantProvisioner(
            controlPlane: gateway.services.postgres, configuration: gateway.configuration.tenancy, logger: TestServices.logger
        )
        do {
            let intervention = try await Self.intervention(of: gateway.tenant, provisioner: provisioner, gateway: gateway)
            let token = gateway.token(role: .technician)
            #expect(try await Self.post(gateway, "/v1/interventions/\(intervention)/photos", token: token, body: Self.jpeg).status == 202)
            let listed = try gateway.json(try await gateway.request("GET", "/v1/interventions/\(intervention)/photos", token: token))
            let photos = try #require(listed["photos"] as? [[String: Any]])
            let link = try #require((photos.first?["urls"] as? [String: Any])?["original"] as? String)
            #expect(link.hasPrefix("/v1/blobs?"))

            let served = try await gateway.request("GET", link)
            #expect(served.status == 200 && served.body == Self.jpeg && served.header("Content-Type") == "image/jpeg")
            let forged = link.replacingOccurrences(of: "expires=", with: "expires=9")
            #expect(try await gateway.request("GET", forged).status == 403)
        } catch {
            await Self.cleanUp([gateway.tenant], provisioner: provisioner, gateway: gateway)
            try? FileManager.default.removeItem(atPath: root)
            throw error
        }
        await Self.cleanUp([gateway.tenant], provisioner: provisioner, gateway: gateway)
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Provisions the tenant and creates a site and an intervention in its database.
    static func intervention(of tenant: String, provisioner: TenantProvisioner, gateway: GatewayHarness) async throws -> String {
        _ = try await provisioner.provision(slug: tenant, name: "Entreprise \(tenant)", sector: "btp", adminEmail: "admin@\(tenant).example", server: nil)
        let pool = try await gateway.services.tenants.pool(for: tenant)
        let site = try await pool.query("""
            INSERT INTO sites (code, name, site_type, client_name, latitude, longitude)
            VALUES ('S1', 'Gare du Nord', 'station', 'SNCF', 48.8809, 2.3553) RETURNING id::text
            """).decode(String.self)[0]
        return try await pool.query("""
            INSERT INTO interventions (site_id, work_type, title, estimated_minutes)
            SELECT \(site)::uuid, code, 'Photo evidence', 30 FROM work_types ORDER BY code LIMIT 1 RETURNING id::text
            """).decode(String.self)[0]
    }

    static func post(_ gateway: GatewayHarness, _ path: String, token: String, body: [UInt8]) async throws -> HTTPClientResponse {
        try await gateway.client.execute(HTTPClientRequest(
            method: "POST", url: gateway.baseURL + path, headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "image/jpeg")], body: body
        ))
    }

    static func cleanUp(_ tenants: [String], provisioner: TenantProvisioner, gateway: GatewayHarness) async {
        await gateway.shutDown()
        for tenant in tenants { try? await provisioner.abandon(tenant) }
    }
}
