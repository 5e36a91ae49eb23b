/// Every failure of the AMQP client. `code` says what kind of failure it is; for errors the broker
/// reported (a channel or connection close, a returned message) `replyCode`/`replyText` carry its words.
public struct AMQPError: Error, Sendable, CustomStringConvertible {
    /// An extensible set of failure kinds (a struct rather than an enum so adding one breaks no `switch`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The TCP connection could not be opened or the AMQP handshake failed.
        public static let connectionFailed = Code("connectionFailed")
        /// The broker refused the credentials or the virtual host.
        public static let loginFailed = Code("loginFailed")
        /// The broker closed the channel an operation ran on (e.g. 404 NOT_FOUND, 406 PRECONDITION_FAILED).
        public static let channelClosed = Code("channelClosed")
        /// The connection was lost or closed by the broker; the client reconnects on its own.
        public static let connectionClosed = Code("connectionClosed")
        /// The broker answered a publish with basic.nack.
        public static let publishNacked = Code("publishNacked")
        /// A mandatory publish could not be routed to any queue (basic.return).
        public static let unroutable = Code("unroutable")
        /// The broker did not answer in time.
        public static let timeout = Code("timeout")
        /// The broker or the library sent or received something the protocol does not allow.
        public static let protocolError = Code("protocolError")
        /// The configuration (URL, environment) is invalid.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// An argument cannot be sent (e.g. a name longer than 255 bytes).
        public static let invalidArgument = Code("invalidArgument")
        /// A delivery tag from an earlier connection or channel: it can no longer be acknowledged.
        public static let staleDelivery = Code("staleDelivery")
        /// The consumer was cancelled (by the client or by the broker, e.g. its queue was deleted).
        public static let consumerCancelled = Code("consumerCancelled")
        /// The client was closed by its owner.
        public static let clientClosed = Code("clientClosed")
    }

    public var code: Code
    /// The AMQP reply code sent by the broker (e.g. 404, 406, 312 NO_ROUTE, 320 CONNECTION_FORCED).
    public var replyCode: UInt16?
    /// The broker's reply text.
    public var replyText: String?
    /// What the client was doing, in words.
    public var message: String

    public init(_ code: Code, _ message: String, replyCode: UInt16? = nil, replyText: String? = nil) {
        self.code = code
        self.message = message
        self.replyCode = replyCode
        self.replyText = replyText
    }

    public var description: String {
        var text = "AMQPError.\(code): \(message)"
        if let replyCode { text += " (\(replyCode)" + (replyText.map { " \($0)" } ?? "") + ")" }
        return text
    }
}
