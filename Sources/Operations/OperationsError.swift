/// Why an operator command could not do what was asked. `code` says what kind of failure it is, so
/// the command line can tell a bad request (exit 2) from a failure (exit 1).
public struct OperationsError: Error, Sendable, CustomStringConvertible {
    /// An extensible set of failure kinds (a struct rather than an enum so adding one breaks no `switch`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The request itself is wrong (a bad name, a missing tenant, a limit out of range).
        public static let invalidRequest = Code("invalidRequest")
        /// What was asked for does not exist (a queue, a parked message, a job).
        public static let notFound = Code("notFound")
        /// A replay stopped part-way; what was replayed before stays replayed.
        public static let replayInterrupted = Code("replayInterrupted")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
