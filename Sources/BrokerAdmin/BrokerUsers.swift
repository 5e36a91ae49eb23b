import FieldOpsCore
import Foundation

/// Broker users and what they may do, through the management API: the per-device MQTT logins of
/// GPS trackers. Each call replaces what was there (`PUT`), so provisioning again is harmless. Names
/// go into the path percent-encoded (the default vhost `/` is `%2F`).
extension BrokerManagementClient {
    /// Creates `user`, or replaces its password. No tags: the user cannot sign in to the management UI.
    public func putUser(_ user: String, password: String) async throws(BrokerManagementError) {
        try await put("create user \(user)", path: "/api/users/\(PercentEncoding.encode(user))", body: ["password": password, "tags": ""])
    }

    /// The user's permissions in `vhost`, each a regular expression over resource names.
    public func setPermissions(user: String, vhost: String, configure: String, write: String, read: String) async throws(BrokerManagementError) {
        try await put(
            "set permissions of \(user)", path: "/api/permissions/\(PercentEncoding.encode(vhost))/\(PercentEncoding.encode(user))",
            body: ["configure": configure, "write": write, "read": read]
        )
    }

    /// Topic authorisation: which routing keys `user` may publish to (`write`) and bind from (`read`)
    /// on `exchange`, as regular expressions. The MQTT plugin checks the topic, as a routing key, on every publish.
    public func setTopicPermissions(user: String, vhost: String, exchange: String, write: String, read: String) async throws(BrokerManagementError) {
        try await put(
            "set topic permissions of \(user)", path: "/api/topic-permissions/\(PercentEncoding.encode(vhost))/\(PercentEncoding.encode(user))",
            body: ["exchange": exchange, "write": write, "read": read]
        )
    }

    /// Deletes `user` with its permissions (the broker closes its connections); a user already gone is not an error.
    public func deleteUser(_ user: String) async throws(BrokerManagementError) {
        do {
            try await call("delete user \(user)", method: "DELETE", path: "/api/users/\(PercentEncoding.encode(user))")
        } catch where error.status == 404 {
            return
        }
    }

    private func put(_ operation: String, path: String, body: [String: String]) async throws(BrokerManagementError) {
        let document: Data
        do {
            document = try JSONEncoder().encode(body)
        } catch {
            throw BrokerManagementError(operation: operation, status: nil, detail: "unencodable body: \(error)")
        }
        try await call(operation, method: "PUT", path: path, body: Array(document))
    }
}
