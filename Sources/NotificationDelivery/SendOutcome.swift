/// How one attempt to send went.
public struct SendOutcome: Sendable, Equatable {
    public var delivered: Bool
    /// The HTTP status or SMTP reply, when the other side answered.
    public var statusCode: Int?
    public var error: String?
    /// A failure retrying cannot fix (a refused address, a 4xx other than 408/429).
    public var permanent: Bool
    public var duration: Duration

    public init(delivered: Bool, statusCode: Int? = nil, error: String? = nil, permanent: Bool = false, duration: Duration) {
        self.delivered = delivered
        self.statusCode = statusCode
        self.error = error
        self.permanent = permanent
        self.duration = duration
    }

    /// The outcome of an HTTP exchange: 2xx delivers; 408, 429 and 5xx may pass later; other 4xx will not.
    static func http(status: Int, duration: Duration) -> SendOutcome {
        let delivered = (200..<300).contains(status)
        let retriable = status == 408 || status == 429 || status >= 500
        return SendOutcome(
            delivered: delivered, statusCode: status, error: delivered ? nil : "HTTP \(status)", permanent: !delivered && !retriable, duration: duration
        )
    }
}
