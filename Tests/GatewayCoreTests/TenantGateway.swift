import FieldOpsCore
import Foundation
import GatewayCore
import HTTPClient
import Identity
import Tenancy
import TestSupport
import Testing

/// A real gateway with real provisioned tenants (their own databases), removed afterwards.
struct TenantGateway {
    let harness: GatewayHarness
    let provisioner: TenantProvisioner
    /// Slug → the admin's invite token.
    let tenants: [(slug: String, inviteToken: String)]

    /// Provisions `count` tenants, runs `body`, then abandons them whatever happened.
    static func run(tenants count: Int = 1, _ body: (TenantGateway) async throws -> Void) async throws {
        let harness = try await GatewayHarness()
        let provisioner = try TenantProvisioner(controlPlane: harness.services.postgres, configuration: harness.configuration.tenancy, logger: TestServices.logger)
        var provisioned: [(slug: String, inviteToken: String)] = []
        let outcome: Result<Void, any Error>
        do {
            for _ in 0..<count {
                let slug = TestServices.uniqueName("t")
                let result = try await provisioner.provision(slug: slug, name: "Entreprise \(slug)", sector: "btp", adminEmail: "admin@\(slug).example")
                provisioned.append((slug, try #require(result.inviteToken)))
            }
            outcome = .success(try await body(TenantGateway(harness: harness, provisioner: provisioner, tenants: provisioned)))
        } catch {
            outcome = .failure(error)
        }
        for tenant in provisioned { try? await provisioner.abandon(tenant.slug) }
        await harness.shutDown()
        try outcome.get()
    }

    var slug: String { tenants[0].slug }

    /// A token for `tenant` (default the first) with `role`; `subject` names the user.
    func token(_ role: Role, tenant: String? = nil, subject: String = UUID().uuidString.lowercased()) -> String {
        harness.token(role: role, tenant: tenant ?? slug, subject: subject)
    }

    func send(_ method: String, _ path: String, token: String?, body: String = "", headers: [(name: String, value: String)] = []) async throws -> HTTPClientResponse {
        try await harness.request(method, path, token: token, body: body, headers: headers)
    }

    func object(_ response: HTTPClientResponse) throws -> [String: Any] {
        try harness.json(response)
    }

    /// Creates a record and returns its id, failing the test with the server's answer otherwise.
    func create(_ resource: String, _ body: String, token: String) async throws -> String {
        let response = try await send("POST", "/v1/\(resource)", token: token, body: body)
        try #require(response.status == 201, "POST /v1/\(resource): \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        return try #require(try object(response)["id"] as? String)
    }
}

extension HTTPClientResponse {
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The `field` members of a 422 problem's `errors`.
    var invalidFields: Set<String> {
        guard let problem = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let errors = problem["errors"] as? [[String: Any]] else { return [] }
        return Set(errors.compactMap { $0["field"] as? String })
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
