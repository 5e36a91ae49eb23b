/// Why a mail was not sent. `isPermanent` tells a retry apart from a give-up: a refused address or
/// a failed login will not fix itself, a timeout may.
public struct MailError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public static let invalidAddress = Code(name: "invalidAddress")
        public static let invalidMessage = Code(name: "invalidMessage")
        public static let connectionFailed = Code(name: "connectionFailed")
        public static let authenticationFailed = Code(name: "authenticationFailed")
        public static let rejected = Code(name: "rejected")
        public static let timeout = Code(name: "timeout")
        public static let transferFailed = Code(name: "transferFailed")
        public var description: String { name }
    }

    public let code: Code
    public let message: String
    /// The server's last reply code, when it answered.
    public let replyCode: Int?

    public init(_ code: Code, _ message: String, replyCode: Int? = nil) {
        self.code = code
        self.message = message
        self.replyCode = replyCode
    }

    public var isPermanent: Bool {
        switch code {
        case .invalidAddress, .invalidMessage, .authenticationFailed: true
        case .rejected: (replyCode ?? 550) >= 500
        default: false
        }
    }

    public var description: String { "\(code): \(message)" + (replyCode.map { " (reply \($0))" } ?? "") }
}
