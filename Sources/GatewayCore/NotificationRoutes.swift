import Domain
import FieldOpsCore
import FieldOpsCrypto
import Foundation
import HTTPServer
import Identity
import Mesh
import NotificationDelivery
import Notifications
import Postgres
import Tenancy

/// The in-app inbox (list, unread count, mark read, live stream), a user's notification
/// preferences, and the tenant's webhooks with their delivery log. Everything is in the caller's
/// tenant database; the inbox and preferences are the caller's own (the token's subject).
struct NotificationRoutes {
    let tenants: TenantDatabases
    let hub: NotificationStreamHub
    let guarding: APIGuard
    private let inbox = InAppInbox()
    private let preferences = PreferenceStore()
    private let webhooks = WebhookEndpointStore()
    private let templates = TemplateOverrideStore()

    init(tenants: TenantDatabases, hub: NotificationStreamHub, guarding: APIGuard) {
        self.tenants = tenants
        self.hub = hub
        self.guarding = guarding
    }

    struct TemplateInput: Codable {
        var subject: String
        var text: String
        var html: String
    }

    struct WebhookInput: Decodable {
        var url: String
        var description: String?
        var eventTypes: [String]
        var enabled: Bool?

        enum CodingKeys: String, CodingKey { case url, description, eventTypes = "event_types", enabled }

        func validated(instance: String) throws(HTTPError) -> WebhookInput {
            var problems: [String: String] = [:]
            let parsed = URL(string: url)
            if parsed?.host == nil || !["http", "https"].contains(parsed?.scheme ?? "") || url.count > 2000 {
                problems["url"] = "must be an http(s) URL"
            }
            if eventTypes.isEmpty { problems["event_types"] = "name at least one event type" }
            for (index, type) in eventTypes.enumerated() where !NotificationEventType.all.contains(type) {
                problems["event_types.\(index)"] = "is not a notification event type"
            }
            if (description ?? "").count > 500 { problems["description"] = "at most 500 characters" }
            guard problems.isEmpty else { throw ValidationProblem(MessageValidationError(problems), instance: instance).httpError }
            return self
        }
    }

    func register(in router: inout Router) {
        router.get("/v1/notifications", guarding.protect(Permission(.notifications, .read)) { request, claims in
            let (pool, user) = try await caller(claims)
            let limit = min(max(Int(request.query("limit") ?? "") ?? 50, 1), 200)
            let before = try request.query("before").map { text throws(HTTPError) in
                guard let date = try? Date(text, strategy: .iso8601) else { throw HTTPError.badRequest("before must be an ISO 8601 time.") }
                return date
            }
            let items = try await inbox.list(user: user, unreadOnly: request.query("unread") == "true", limit: limit, before: before, on: pool)
            return try .json(["items": items])
        })
        router.get("/v1/notifications/unread-count", guarding.protect(Permission(.notifications, .read)) { _, claims in
            let (pool, user) = try await caller(claims)
            return try .json(["unread": try await inbox.unreadCount(user: user, on: pool)])
        })
        router.post("/v1/notifications/{id}/read", guarding.protect(Permission(.notifications, .update)) { request, claims in
            let (pool, user) = try await caller(claims)
            let id = try request.uuid(naming: "notification")
            // Counts the user's entries with that id, read before or not: none means not theirs.
            guard try await inbox.markRead(user: user, ids: [id], on: pool) == 1 else { throw HTTPError.notFound("No such notification.") }
            return try .json(["unread": try await inbox.unreadCount(user: user, on: pool)])
        })
        router.post("/v1/notifications/read-all", guarding.protect(Permission(.notifications, .update)) { _, claims in
            let (pool, user) = try await caller(claims)
            try await inbox.markRead(user: user, ids: nil, on: pool)
            return try .json(["unread": 0])
        })
        router.get("/v1/notifications/stream", guarding.protect(Permission(.notifications, .read)) { [hub] _, claims in
            let (_, user) = try await caller(claims)
            // `caller` refused a token without a tenant.
            return .eventStream(try await hub.events(tenant: claims.tenant ?? "", user: user.uuidString))
        })
        router.get("/v1/notifications/preferences", guarding.protect(Permission(.notifications, .read)) { _, claims in
            let (pool, user) = try await caller(claims)
            return try .json(try await preferences.settings(user: user, on: pool))
        })
        router.put("/v1/notifications/preferences", guarding.protect(Permission(.notifications, .update)) { request, claims in
            let (pool, user) = try await caller(claims)
            let settings = try request.decode(NotificationSettings.self)
            let problems = settings.problems { TimeZone(identifier: $0) != nil }
            guard problems.isEmpty else { throw ValidationProblem(MessageValidationError(problems), instance: request.path).httpError }
            try await pool.withTransaction { try await preferences.replace(user: user, with: settings, in: $0) }
            return try .json(settings)
        })
        router.put("/v1/notifications/templates/{event_type}/{locale}", guarding.protect(Permission(.integrations, .update)) { request, claims in
            guard let eventType = request.pathParameters["event_type"], NotificationEventType.all.contains(eventType),
                  let locale = request.pathParameters["locale"].flatMap(NotificationLocale.init(rawValue:))
            else { throw HTTPError.notFound("No such event type or locale.") }
            let input = try request.decode(TemplateInput.self)
            var problems: [String: String] = [:]
            for (field, text) in [("subject", input.subject), ("text", input.text), ("html", input.html)] {
                do throws(TemplateError) { _ = try TextTemplate(text) } catch { problems[field] = error.description }
            }
            guard problems.isEmpty else { throw ValidationProblem(MessageValidationError(problems), instance: request.path).httpError }
            try await templates.save(
                eventType: eventType, locale: locale, subject: input.subject, text: input.text, html: input.html, on: try await tenantPool(claims)
            )
            return try .json(input)
        })
        registerWebhooks(in: &router)
    }

    private func registerWebhooks(in router: inout Router) {
        router.get("/v1/webhooks", guarding.protect(Permission(.integrations, .read)) { _, claims in
            try .json(["items": try await webhooks.list(on: try await tenantPool(claims))])
        })
        router.post("/v1/webhooks", guarding.protect(Permission(.integrations, .create)) { request, claims in
            let input = try request.decode(WebhookInput.self).validated(instance: request.path)
            let (endpoint, secret) = try await webhooks.create(
                url: input.url, description: input.description ?? "", eventTypes: input.eventTypes, on: try await tenantPool(claims)
            )
            return try .json(CreatedWebhook(endpoint: endpoint, secret: "whsec_" + Hex.encode(secret)), status: 201)
        })
        router.get("/v1/webhooks/{id}", guarding.protect(Permission(.integrations, .read)) { request, claims in
            guard let endpoint = try await webhooks.find(try request.uuid(naming: "webhook"), on: try await tenantPool(claims)) else {
                throw HTTPError.notFound("No such webhook.")
            }
            return try .json(endpoint)
        })
        router.put("/v1/webhooks/{id}", guarding.protect(Permission(.integrations, .update)) { request, claims in
            let id = try request.uuid(naming: "webhook")
            let input = try request.decode(WebhookInput.self).validated(instance: request.path)
            guard let endpoint = try await webhooks.update(
                id, url: input.url, description: input.description ?? "", eventTypes: input.eventTypes, enabled: input.enabled ?? true,
                on: try await tenantPool(claims)
            ) else { throw HTTPError.notFound("No such webhook.") }
            return try .json(endpoint)
        })
        router.delete("/v1/webhooks/{id}", guarding.protect(Permission(.integrations, .delete)) { request, claims in
            guard try await webhooks.delete(try request.uuid(naming: "webhook"), on: try await tenantPool(claims)) else {
                throw HTTPError.notFound("No such webhook.")
            }
            return HTTPResponse(status: 204)
        })
        router.get("/v1/webhooks/{id}/deliveries", guarding.protect(Permission(.integrations, .read)) { request, claims in
            let limit = min(max(Int(request.query("limit") ?? "") ?? 50, 1), 200)
            let pool = try await tenantPool(claims)
            let id = try request.uuid(naming: "webhook")
            guard try await webhooks.find(id, on: pool) != nil else { throw HTTPError.notFound("No such webhook.") }
            return try .json(["items": try await webhooks.deliveries(of: id, limit: limit, on: pool)])
        })
    }

    /// The endpoint with its signing secret, shown once.
    struct CreatedWebhook: Encodable {
        let endpoint: WebhookEndpoint
        let secret: String

        func encode(to encoder: any Encoder) throws {
            try endpoint.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(secret, forKey: .secret)
        }

        enum CodingKeys: String, CodingKey { case secret }
    }

    private func tenantPool(_ claims: AccessClaims) async throws -> PostgresPool {
        guard let tenant = claims.tenant else { throw HTTPError(status: 403, detail: "This needs a tenant's token.") }
        return try await tenants.pool(for: tenant)
    }

    /// The caller's tenant database and user id (the token's subject, a user of that tenant).
    private func caller(_ claims: AccessClaims) async throws -> (PostgresPool, UUID) {
        guard let user = UUID(uuidString: claims.subject) else {
            throw HTTPError(status: 403, detail: "Notifications belong to a tenant's users.")
        }
        return (try await tenantPool(claims), user)
    }
}
