/// Handles one kind of message. Throwing a `PermanentFailure` (or an error whose `RetryAdvice` says
/// retrying cannot help) parks the message at once; throwing anything else is a transient failure,
/// retried with backoff until the policy gives up.
///
/// Handlers must be idempotent: a message can arrive twice (see `Inbox`).
public protocol MessageHandler: Sendable {
    associatedtype Message: MeshMessage
    /// Stored as the job's result when the message carries a job id.
    associatedtype Output: Encodable & Sendable = NoOutput

    func handle(_ message: Message, context: MessageContext) async throws -> Output
}

public struct NoOutput: Encodable, Sendable {
    public init() {}
}

/// An error that retrying cannot fix: a reference to something that does not exist, a rule violated.
public protocol PermanentFailure: Error {}

extension MessageValidationError: PermanentFailure {}
