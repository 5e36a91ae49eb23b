import HTTPClient

/// A management API call that failed: unreachable, refused, or answered with an error status.
public struct BrokerManagementError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let status: Int?
    public let detail: String

    public var description: String {
        "\(operation) failed" + (status.map { " with HTTP \($0)" } ?? "") + ": \(detail)"
    }

    init(operation: String, transport: HTTPClientError) {
        self.init(operation: operation, status: nil, detail: transport.description)
    }

    init(operation: String, status: Int?, detail: String) {
        self.operation = operation
        self.status = status
        self.detail = detail
    }
}
