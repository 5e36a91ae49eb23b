/// How the caller of a publish wants its confirms answered: one outcome for the whole call, or one
/// per message. Either way the reply is resumed exactly once, when the last message is settled.
enum PublishReply: Sendable {
    /// `publish`/`publishBatch`: success, or the first failure among the messages.
    case all(Reply<Void>)
    /// `publishEach`: each message's own outcome, in the order given.
    case each(Reply<[Result<Void, AMQPError>]>)

    /// Answers without publishing anything (client closed, broker unreachable).
    func fail(_ error: AMQPError) {
        switch self {
        case .all(let reply): reply.resume(returning: .failure(error))
        case .each(let reply): reply.resume(returning: .failure(error))
        }
    }

    /// Answers with the messages' outcomes (`nil`: confirmed).
    func finish(_ failures: [AMQPError?]) {
        switch self {
        case .all(let reply):
            reply.resume(returning: failures.lazy.compactMap { $0 }.first.map { .failure($0) } ?? .success(()))
        case .each(let reply):
            reply.resume(returning: .success(failures.map { $0.map { .failure($0) } ?? .success(()) }))
        }
    }
}
