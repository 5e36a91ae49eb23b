import FieldOpsCore
import Foundation
import GatewayCore
import HTTPClient
import HTTPServer
import Identity
import Jobs
import Postgres
import Telemetry
import TestSupport
import Testing

/// A real gateway on an ephemeral port, over the real services, as `gateway/main.swift` wires it.
final class GatewayHarness: Sendable {
    static let seed = String(repeating: "5a", count: 32)

    let configuration: GatewayConfiguration
    let services: GatewayServices
    let server: HTTPServer
    let client = HTTPClient()
    let tenant = TestServices.uniqueName("tenant")
    let issuer: AccessTokenIssuer
    let endpoints: [(method: HTTPMethod, template: String)]

    init(overrides: [String: String] = [:], connectBroker: Bool = true) async throws {
        configuration = try GatewayConfiguration(environment: Environment(Self.environment(overrides: overrides)))
        _ = try await TestServices.controlPlanePool()
        services = try GatewayServices(configuration: configuration, logger: TestServices.logger)
        if connectBroker { try await services.broker.connect() }
        let document = try Data(contentsOf: TestServices.repositoryRoot.appendingPathComponent("docs/openapi.json"))
        let application = GatewayApplication(
            configuration: configuration, services: services, metrics: MetricsRegistry(), logger: TestServices.logger,
            openAPIDocument: Array(document)
        )
        endpoints = application.router.endpoints
        server = HTTPServer(configuration: configuration.http, router: application.router, logger: TestServices.logger, metrics: MetricsRegistry())
        try server.start()
        issuer = AccessTokenIssuer(key: configuration.tokens.signingKey, issuer: configuration.tokens.issuer, audience: configuration.tokens.audience)
    }

    /// The gateway's environment in the tests: the test services, an ephemeral port, the tests' token seed.
    static func environment(overrides: [String: String]) -> [String: String] {
        var values = TestServices.environment.values
        values["FIELDOPS_POSTGRES_URL"] = TestServices.postgresURL
        values["FIELDOPS_GATEWAY_PORT"] = "0"
        values["FIELDOPS_GATEWAY_LOG_LEVEL"] = "warning"
        values["FIELDOPS_TOKEN_SIGNING_SEED"] = Self.seed
        values["FIELDOPS_CONSOLE_DIR"] = TestServices.repositoryRoot.appendingPathComponent("console").path
        values.merge(overrides) { _, new in new }
        return values
    }

    var baseURL: String { "http://127.0.0.1:\(server.port)" }

    func token(role: Role = .manager, tenant: String? = nil, subject: String = "user-1") -> String {
        issuer.issue(subject: subject, tenant: tenant ?? self.tenant, role: role, now: Int64(Date().timeIntervalSince1970)).token
    }

    func request(_ method: String, _ path: String, token: String? = nil, body: String = "", headers: [(name: String, value: String)] = []) async throws -> HTTPClientResponse {
        var all = headers
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        if !body.isEmpty { all.append(("Content-Type", "application/json")) }
        return try await client.execute(HTTPClientRequest(method: method, url: baseURL + path, headers: all, body: Array(body.utf8)))
    }

    func json(_ response: HTTPClientResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    func jobCount() async throws -> Int {
        try await services.postgres.query("SELECT count(*)::int8 FROM jobs WHERE tenant = \(tenant)").decode((Int).self).first ?? 0
    }

    func shutDown() async {
        await server.shutdown(gracePeriod: .seconds(2))
        await services.close()
    }
}

extension GatewayHarness {
    static let weeklyReport = #"{"report":"weekly","format":"pdf","from":"2026-11-23","to":"2026-11-29"}"#
}
