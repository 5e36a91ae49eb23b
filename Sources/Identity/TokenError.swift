/// Why a token was refused. Callers answer 401 for all of them; the code is for logs and metrics.
public struct TokenError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public static let malformed = Code(name: "malformed")
        public static let unsupportedAlgorithm = Code(name: "unsupportedAlgorithm")
        public static let badSignature = Code(name: "badSignature")
        public static let expired = Code(name: "expired")
        public static let notYetValid = Code(name: "notYetValid")
        public static let wrongIssuer = Code(name: "wrongIssuer")
        public static let wrongAudience = Code(name: "wrongAudience")
        public var description: String { name }
    }

    public let code: Code

    public init(_ code: Code) { self.code = code }

    public var description: String { "token refused: \(code)" }
}
