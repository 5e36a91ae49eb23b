/// Why a blob operation failed.
public struct BlobStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case invalidKey
        case notFound
        /// The store refused our credentials or signature: a configuration problem, not a retry.
        case accessDenied
        case io
        case invalidConfiguration
        case unexpectedResponse
    }

    public let code: Code
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "blob store \(code): \(message)" }
}
