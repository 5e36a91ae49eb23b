/// A declaration the broker answers synchronously on the control channel.
enum TopologyOperation: Sendable, Equatable {
    case declareExchange(name: String, type: AMQPExchangeType, durable: Bool, autoDelete: Bool, isInternal: Bool, arguments: AMQPFieldTable)
    case deleteExchange(name: String, ifUnused: Bool)
    case declareQueue(name: String, passive: Bool, durable: Bool, exclusive: Bool, autoDelete: Bool, arguments: AMQPFieldTable)
    case deleteQueue(name: String, ifUnused: Bool, ifEmpty: Bool)
    case purgeQueue(name: String)
    case bindQueue(queue: String, exchange: String, routingKey: String, arguments: AMQPFieldTable)
    case unbindQueue(queue: String, exchange: String, routingKey: String, arguments: AMQPFieldTable)
    case bindExchange(destination: String, source: String, routingKey: String, arguments: AMQPFieldTable)
    case unbindExchange(destination: String, source: String, routingKey: String, arguments: AMQPFieldTable)

    /// The names this operation sends as AMQP short strings (at most 255 bytes each).
    var shortStrings: [String] {
        switch self {
        case .declareExchange(let name, let type, _, _, _, _): [name, type.rawValue]
        case .deleteExchange(let name, _), .declareQueue(let name, _, _, _, _, _), .deleteQueue(let name, _, _),
             .purgeQueue(let name):
            [name]
        case .bindQueue(let first, let second, let key, _), .unbindQueue(let first, let second, let key, _),
             .bindExchange(let first, let second, let key, _), .unbindExchange(let first, let second, let key, _):
            [first, second, key]
        }
    }
}

/// What a topology operation returns.
enum TopologyResult: Sendable {
    case done
    case queue(AMQPQueueInfo)
    case messageCount(UInt32)
}
