import Commands
import FieldOpsCore
import Foundation
import GatewayCore
import HTTPClient
import HTTPServer
import Identity
import NotificationDelivery
import Notifications
import Telemetry
import TestSupport
import Testing

/// A real gateway on an ephemeral port over the fixture's control plane, as gateway/main.swift wires it.
struct NotificationGateway {
    let server: HTTPServer
    let services: GatewayServices
    let issuer: AccessTokenIssuer
    let client = HTTPClient()

    init() throws {
        var values = TestServices.environment.values
        values["FIELDOPS_POSTGRES_URL"] = TestServices.postgresURL
        values["FIELDOPS_GATEWAY_PORT"] = "0"
        values["FIELDOPS_GATEWAY_LOG_LEVEL"] = "warning"
        values["FIELDOPS_TOKEN_SIGNING_SEED"] = String(repeating: "6b", count: 32)
        let configuration = try GatewayConfiguration(environment: Environment(values))
        services = try GatewayServices(configuration: configuration, logger: TestServices.logger)
        let application = GatewayApplication(
            configuration: configuration, services: services, metrics: MetricsRegistry(), logger: TestServices.logger, openAPIDocument: []
        )
        server = HTTPServer(configuration: configuration.http, router: application.router, logger: TestServices.logger, metrics: MetricsRegistry())
        try server.start()
        issuer = AccessTokenIssuer(key: configuration.tokens.signingKey, issuer: configuration.tokens.issuer, audience: configuration.tokens.audience)
    }

    var baseURL: String { "http://127.0.0.1:\(server.port)" }

    func token(_ user: UUID, tenant: String, role: Role) -> String {
        issuer.issue(subject: user.uuidString.lowercased(), tenant: tenant, role: role, now: Int64(Date().timeIntervalSince1970)).token
    }

    func call(_ method: String, _ path: String, token: String, body: String = "") async throws -> (status: Int, json: [String: Any]) {
        var headers = [(name: "Authorization", value: "Bearer \(token)")]
        if !body.isEmpty { headers.append(("Content-Type", "application/json")) }
        let response = try await client.execute(HTTPClientRequest(method: method, url: baseURL + path, headers: headers, body: Array(body.utf8)))
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (response.status, json)
    }

    func shutDown() async {
        await server.shutdown(gracePeriod: .seconds(1))
        await services.close()
    }
}

@Suite("Notification API and live stream", .timeLimit(.minutes(2)))
struct NotificationAPITests {
    @Test("an SSE client receives an in-app notification live; unread count and mark read follow")
    func liveStream() async throws {
        try await NotifyFixture.run { fixture in
            let gateway = try NotificationGateway()
            let token = gateway.token(fixture.technician, tenant: fixture.slug, role: .technician)
            let stream = try EventStreamClient(url: gateway.baseURL + "/v1/notifications/stream", token: token)
            try await eventually { stream.text.contains("event: ready") }
            try await fixture.send(NotifySendCommand(
                eventType: NotificationEventType.message, userIDs: [fixture.technician.uuidString], values: ["title": "Live <now>", "body": "pushed"]
            ))
            try await eventually { stream.text.contains("event: notification") }
            stream.close()
            #expect(stream.text.contains(#""title":"Live <now>""#))

            let count = try await gateway.call("GET", "/v1/notifications/unread-count", token: token)
            #expect(count.status == 200 && count.json["unread"] as? Int == 1)
            let list = try await gateway.call("GET", "/v1/notifications?unread=true", token: token)
            let items = try #require(list.json["items"] as? [[String: Any]])
            let id = try #require(items.first?["id"] as? String)
            #expect(items.count == 1 && items[0]["title"] as? String == "Live <now>")
            let read = try await gateway.call("POST", "/v1/notifications/\(id)/read", token: token)
            #expect(read.status == 200 && read.json["unread"] as? Int == 0)
            // The manager's inbox is another one.
            let other = try await gateway.call("GET", "/v1/notifications/unread-count", token: gateway.token(fixture.manager, tenant: fixture.slug, role: .manager))
            #expect(other.json["unread"] as? Int == 0)
            await gateway.shutDown()
        }
    }

    @Test("preferences round-trip and are validated; webhooks are managed by tenant admins, with their log")
    func preferencesAndWebhooks() async throws {
        try await NotifyFixture.run { fixture in
            let gateway = try NotificationGateway()
            let token = gateway.token(fixture.technician, tenant: fixture.slug, role: .technician)
            let settings = #"{"time_zone":"America/Montreal","quiet_hours":{"start":"21:00","end":"06:30"},"digest_hour":7,"phone":"+15145550100","preferences":[{"channel":"email","event_type":"*","mode":"digest"},{"channel":"sms","event_type":"alert.raised","mode":"immediate"}]}"#
            #expect(try await gateway.call("PUT", "/v1/notifications/preferences", token: token, body: settings).status == 200)
            let stored = try await gateway.call("GET", "/v1/notifications/preferences", token: token)
            #expect(stored.json["time_zone"] as? String == "America/Montreal")
            #expect((stored.json["quiet_hours"] as? [String: String])?["end"] == "06:30")
            #expect((stored.json["preferences"] as? [Any])?.count == 2)
            let invalid = try await gateway.call("PUT", "/v1/notifications/preferences", token: token, body: #"{"time_zone":"Mars/Olympus","digest_hour":25,"preferences":[]}"#)
            #expect(invalid.status == 422)
            let profile = try #require(try await RecipientDirectory().profiles(.users([fixture.technician.uuidString]), on: fixture.pool).first)
            #expect(profile.quietHours == QuietHours(start: 21 * 60, end: 6 * 60 + 30) && profile.phone == "+15145550100")

            let webhook = #"{"url":"https://erp.example/hooks","event_types":["report.ready","alert.raised"]}"#
            #expect(try await gateway.call("POST", "/v1/webhooks", token: token, body: webhook).status == 403, "technicians cannot")
            let admin = gateway.token(fixture.manager, tenant: fixture.slug, role: .tenantAdmin)
            let created = try await gateway.call("POST", "/v1/webhooks", token: admin, body: webhook)
            #expect(created.status == 201)
            #expect((created.json["secret"] as? String)?.hasPrefix("whsec_") == true)
            let id = try #require(created.json["id"] as? String)
            let listed = try await gateway.call("GET", "/v1/webhooks", token: admin)
            #expect((listed.json["items"] as? [[String: Any]])?.first?["secret"] == nil, "the secret is shown once")
            let updated = try await gateway.call("PUT", "/v1/webhooks/\(id)", token: admin, body: #"{"url":"https://erp.example/v2","event_types":["message"],"enabled":false}"#)
            #expect(updated.status == 200 && updated.json["enabled"] as? Bool == false)
            #expect(try await gateway.call("POST", "/v1/webhooks", token: admin, body: #"{"url":"ftp://x","event_types":["nope"]}"#).status == 422)
            let log = try await gateway.call("GET", "/v1/webhooks/\(id)/deliveries", token: admin)
            #expect(log.status == 200 && (log.json["items"] as? [Any])?.isEmpty == true)
            #expect(try await gateway.call("DELETE", "/v1/webhooks/\(id)", token: admin).status == 204)
            #expect(try await gateway.call("GET", "/v1/webhooks/\(id)", token: admin).status == 404)

            let override = #"{"subject":"[{{site_name}}] Photo","text":"{{site_name}}","html":"<p>{{site_name}}</p>"}"#
            #expect(try await gateway.call("PUT", "/v1/notifications/templates/photo.processed/fr", token: admin, body: override).status == 200)
            #expect(try await gateway.call("PUT", "/v1/notifications/templates/photo.processed/fr", token: admin, body: #"{"subject":"{{x","text":"","html":""}"#).status == 422)
            #expect(try await gateway.call("PUT", "/v1/notifications/templates/nope/fr", token: admin, body: override).status == 404)
            let catalog = try await TemplateOverrideStore().catalog(on: fixture.pool)
            #expect(try catalog.render(eventType: "photo.processed", locale: .fr, values: ["site_name": "<A>"]).html == "<p>&lt;A&gt;</p>")
            await gateway.shutDown()
        }
    }
}
