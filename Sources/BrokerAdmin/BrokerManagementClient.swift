import Foundation
import HTTPClient
import Topology

/// The parts of RabbitMQ's management API the platform uses: definitions (topology apply and
/// drift check) and queue inspection.
public final class BrokerManagementClient: Sendable {
    private let configuration: BrokerManagementConfiguration
    private let http: HTTPClient

    public init(configuration: BrokerManagementConfiguration, http: HTTPClient = HTTPClient()) {
        self.configuration = configuration
        self.http = http
    }

    /// Everything the broker holds, in the definitions format.
    public func definitions() async throws(BrokerManagementError) -> TopologyDefinition {
        let response = try await call("read definitions", method: "GET", path: "/api/definitions")
        do {
            return try JSONDecoder().decode(TopologyDefinition.self, from: Data(response.body))
        } catch {
            throw BrokerManagementError(operation: "read definitions", status: response.status, detail: "undecodable: \(error)")
        }
    }

    /// Imports a definitions document. The broker merges it: what exists identically is left alone,
    /// what is missing is created, and an existing queue with other arguments makes it fail.
    public func importDefinitions(_ document: [UInt8]) async throws(BrokerManagementError) {
        _ = try await call("import definitions", method: "POST", path: "/api/definitions", body: document)
    }

    @discardableResult
    func call(_ operation: String, method: String, path: String, body: [UInt8] = []) async throws(BrokerManagementError) -> HTTPClientResponse {
        let request = HTTPClientRequest(
            method: method, url: configuration.baseURL + path,
            headers: body.isEmpty ? [] : [("Content-Type", "application/json")], body: body,
            credentials: .basic(user: configuration.user, password: configuration.password)
        )
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request)
        } catch {
            throw BrokerManagementError(operation: operation, transport: error)
        }
        guard response.isSuccess else {
            throw BrokerManagementError(operation: operation, status: response.status, detail: String(response.bodyText.prefix(500)))
        }
        return response
    }
}
