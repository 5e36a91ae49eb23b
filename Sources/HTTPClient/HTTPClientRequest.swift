/// An outgoing HTTP request: what an admin API call, a webhook or an object-store operation needs.
public struct HTTPClientRequest: Sendable {
    public enum Credentials: Sendable {
        case basic(user: String, password: String)
        case bearer(String)
    }

    /// What the request sends.
    public enum Body: Sendable {
        case bytes([UInt8])
        /// `count` bytes of a local file from `offset`, read while they are sent, so a large upload
        /// is never held in memory.
        case file(path: String, offset: Int64, count: Int64)
    }

    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Body
    public var credentials: Credentials?
    public var timeout: Duration

    public init(
        method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        credentials: Credentials? = nil, timeout: Duration = .seconds(30)
    ) {
        self.init(method: method, url: url, headers: headers, sending: .bytes(body), credentials: credentials, timeout: timeout)
    }

    public init(
        method: String, url: String, headers: [(name: String, value: String)] = [], sending body: Body,
        credentials: Credentials? = nil, timeout: Duration = .seconds(30)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.credentials = credentials
        self.timeout = timeout
    }
}
