/// The answer channel of one request to the owner thread.
typealias Reply<Value: Sendable> = CheckedContinuation<Result<Value, AMQPError>, Never>

/// What the public API asks the owner thread to do. Each command carries the continuation that
/// the owner thread resumes exactly once.
enum ConnectionCommand: Sendable {
    case topology(TopologyOperation, Reply<TopologyResult>)
    case publish([AMQPOutgoingMessage], PublishReply)
    case consume(ConsumerSpec, DeliveryBuffer, Reply<Void>)
    case settle(consumerTag: String, AMQPDeliveryTag, Settlement, Reply<Void>)
    case cancel(consumerTag: String, Reply<Void>)
    case closeConsumer(consumerTag: String, Reply<Void>)
    /// `nil` when the client was released without awaiting `close()`.
    case close(Reply<Void>?)

    /// How a delivery is settled.
    enum Settlement: Sendable {
        case ack(multiple: Bool)
        case nack(multiple: Bool, requeue: Bool)
        case reject(requeue: Bool)

        /// Whether it settles every unsettled delivery up to the tag, not just that one.
        var coversEarlierDeliveries: Bool {
            switch self {
            case .ack(let multiple), .nack(let multiple, _): multiple
            case .reject: false
            }
        }
    }

    /// Answers the command with `error` without running it (client closed, broker unreachable).
    func fail(_ error: AMQPError) {
        switch self {
        case .topology(_, let reply): reply.resume(returning: .failure(error))
        case .publish(_, let reply): reply.fail(error)
        case .consume(_, _, let reply), .settle(_, _, _, let reply), .cancel(_, let reply),
             .closeConsumer(_, let reply):
            reply.resume(returning: .failure(error))
        case .close(let reply): reply?.resume(returning: .success(()))
        }
    }
}
