import FieldOpsCore

/// Where the broker's management HTTP API is, and with which credentials.
public struct BrokerManagementConfiguration: Sendable {
    public var baseURL: String
    public var user: String
    public var password: String

    public init(baseURL: String, user: String, password: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.user = user
        self.password = password
    }

    /// `FIELDOPS_AMQP_MANAGEMENT_URL`, e.g. `http://user:password@127.0.0.1:15672`.
    public init(environment: Environment) throws(ConfigurationError) {
        let raw = environment.string("FIELDOPS_AMQP_MANAGEMENT_URL", default: "http://guest:guest@127.0.0.1:15672")
        try self.init(url: raw, variable: "FIELDOPS_AMQP_MANAGEMENT_URL")
    }

    /// Splits the credentials out of the URL so they travel as basic auth, never in a logged URL.
    public init(url: String, variable: String = "url") throws(ConfigurationError) {
        guard let scheme = url.range(of: "://"), url.hasPrefix("http") else {
            throw ConfigurationError(variable: variable, value: url, expected: "an http(s):// URL")
        }
        let rest = url[scheme.upperBound...]
        guard let at = rest.lastIndex(of: "@") else {
            throw ConfigurationError(variable: variable, value: url, expected: "credentials as http://user:password@host:port")
        }
        let credentials = rest[..<at].split(separator: ":", maxSplits: 1).map { PercentDecoding.decode($0) }
        guard credentials.count == 2, let user = credentials[0], let password = credentials[1] else {
            throw ConfigurationError(variable: variable, value: url, expected: "credentials as http://user:password@host:port")
        }
        self.init(baseURL: String(url[..<scheme.upperBound]) + rest[rest.index(after: at)...], user: user, password: password)
    }
}
