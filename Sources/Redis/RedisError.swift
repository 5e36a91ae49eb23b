/// Every failure of the Redis client: a `code` to branch on and a message for people.
///
/// `Code` is a struct of static values rather than an enum so that new codes can be added without
/// breaking callers that `switch` over it (the same choice as postgres-nio's `PSQLError.Code`).
public struct RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case connectionFailed, connectionClosed, timeout, server, protocolError, unexpectedReply
            case poolTimeout, poolClosed, lockNotHeld, invalidConfiguration, invalidArgument
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Could not connect, or the handshake (AUTH, SELECT) failed.
        public static let connectionFailed = Code(.connectionFailed)
        /// The connection was lost (the server closed it, a socket error) or was already closed.
        public static let connectionClosed = Code(.connectionClosed)
        /// The server did not answer within the command timeout; the connection is then discarded.
        public static let timeout = Code(.timeout)
        /// The server answered with an error reply (`message` holds it, e.g. `WRONGTYPE …`).
        public static let server = Code(.server)
        /// The bytes on the wire were not valid RESP.
        public static let protocolError = Code(.protocolError)
        /// A well-formed reply of a shape the caller did not expect.
        public static let unexpectedReply = Code(.unexpectedReply)
        /// No pooled connection became free before the checkout deadline.
        public static let poolTimeout = Code(.poolTimeout)
        /// The pool was closed.
        public static let poolClosed = Code(.poolClosed)
        /// A lock could not be acquired, or a lease is no longer the holder.
        public static let lockNotHeld = Code(.lockNotHeld)
        /// A URL or setting could not be understood.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// An argument that can never be valid (a cost above the burst, an empty channel list…).
        public static let invalidArgument = Code(.invalidArgument)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The first word of a server error (`WRONGTYPE`, `NOSCRIPT`, `ERR`…), which Redis uses as its error kind.
    public var serverErrorKind: Substring? {
        guard code == .server else { return nil }
        return message.split(separator: " ", maxSplits: 1).first
    }

    /// True when the connection that raised this error can no longer be used.
    public var isConnectionLoss: Bool {
        code == .connectionClosed || code == .timeout || code == .protocolError || code == .connectionFailed
    }

    public var description: String { "Redis \(code): \(message)" }
}
