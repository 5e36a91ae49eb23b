/// An outgoing HTTP request: what an admin API call, a webhook or an object-store operation needs.
public struct HTTPClientRequest: Sendable {
    public enum Credentials: Sendable {
        case basic(user: String, password: String)
        case bearer(String)
    }

    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var credentials: Credentials?
    public var timeout: Duration

    public init(
        method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
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
