import BrokerAdmin
import FieldOpsCore
import FieldOpsCrypto

/// Each tracker's own broker user, so that MQTT needs no shared secret and a device can publish
/// its own positions only.
///
/// The user is `gps.<tenant>.<device>` — the routing key its publishes carry. (The MQTT plugin reads
/// a `:` in a user name as `<vhost>:<user>`, so the obvious `<tenant>:<device>` would not do.) It may
/// write to `amq.topic` and nothing else (no configure, no read: publishing needs neither), and topic
/// authorisation lets it write only the routing key `gps.<tenant>.<device>`, i.e. the MQTT topic
/// `gps/<tenant>/<device>`; a publish elsewhere closes its connection and lands nowhere. The broker
/// keeps only a hash of the password.
public struct DeviceBrokerAccounts: Sendable {
    public static let exchange = "amq.topic"

    private let management: BrokerManagementClient
    private let vhost: String

    public init(management: BrokerManagementClient, vhost: String = "/") {
        self.management = management
        self.vhost = vhost
    }

    /// `FIELDOPS_AMQP_MANAGEMENT_URL` and `FIELDOPS_MQTT_VHOST` (`/`, the MQTT plugin's default).
    public init(environment: Environment) throws(ConfigurationError) {
        self.init(
            management: BrokerManagementClient(configuration: try BrokerManagementConfiguration(environment: environment)),
            vhost: environment.string("FIELDOPS_MQTT_VHOST", default: "/")
        )
    }

    public static func username(deviceID: String, tenant: String) -> String { "gps.\(tenant).\(deviceID)" }

    /// Creates the device's user, or gives it a new password, and (re)sets its permissions.
    public func provision(deviceID: String, tenant: String) async throws(BrokerManagementError) -> MQTTCredentials {
        let credentials = MQTTCredentials(username: Self.username(deviceID: deviceID, tenant: tenant), password: Hex.encode(SecureRandom.bytes(24)))
        try await management.putUser(credentials.username, password: credentials.password)
        try await management.setPermissions(user: credentials.username, vhost: vhost, configure: "^$", write: "^amq\\.topic$", read: "^$")
        try await management.setTopicPermissions(
            user: credentials.username, vhost: vhost, exchange: Self.exchange, write: "^" + Self.escaped(credentials.username) + "$", read: "^$"
        )
        return credentials
    }

    /// Deletes the device's user; one already gone is not an error.
    public func remove(deviceID: String, tenant: String) async throws(BrokerManagementError) {
        try await management.deleteUser(Self.username(deviceID: deviceID, tenant: tenant))
    }

    /// The name as a regular expression matching only itself: every ASCII punctuation mark escaped.
    static func escaped(_ name: String) -> String {
        var pattern = ""
        for scalar in name.unicodeScalars {
            if scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) { pattern.append("\\") }
            pattern.unicodeScalars.append(scalar)
        }
        return pattern
    }
}
