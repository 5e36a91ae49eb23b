/// A transfer that did not produce an HTTP response (an HTTP error status is a response, not this).
public struct HTTPClientError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public static let invalidRequest = Code(name: "invalidRequest")
        public static let connectionFailed = Code(name: "connectionFailed")
        public static let timeout = Code(name: "timeout")
        public static let transferFailed = Code(name: "transferFailed")
        public var description: String { name }
    }

    public let code: Code
    public let url: String
    public let message: String

    public var description: String { "\(code) for \(url): \(message)" }
}
