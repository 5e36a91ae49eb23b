/// The declarations made through a connection, in order, so they can be replayed after a reconnect
/// (exclusive and auto-delete queues die with the connection; a restarted broker may lose transient ones).
struct TopologyRecord {
    private(set) var operations: [TopologyOperation] = []

    mutating func record(_ operation: TopologyOperation) {
        switch operation {
        case .declareExchange(let name, _, _, _, _, _):
            replaceOrAppend(operation) { if case .declareExchange(name, _, _, _, _, _) = $0 { true } else { false } }
        case .declareQueue(let name, let passive, _, _, _, _):
            // Passive declares change nothing; server-named queues get a new name on every declare.
            guard !passive, !name.isEmpty else { return }
            replaceOrAppend(operation) { if case .declareQueue(name, false, _, _, _, _) = $0 { true } else { false } }
        case .bindQueue, .bindExchange:
            if !operations.contains(operation) { operations.append(operation) }
        case .unbindQueue(let queue, let exchange, let key, let arguments):
            operations.removeAll { $0 == .bindQueue(queue: queue, exchange: exchange, routingKey: key, arguments: arguments) }
        case .unbindExchange(let destination, let source, let key, let arguments):
            operations.removeAll {
                $0 == .bindExchange(destination: destination, source: source, routingKey: key, arguments: arguments)
            }
        case .deleteQueue(let name, _, _):
            operations.removeAll { $0.mentionsQueue(name) }
        case .deleteExchange(let name, _):
            operations.removeAll { $0.mentionsExchange(name) }
        case .purgeQueue:
            break
        }
    }

    private mutating func replaceOrAppend(_ operation: TopologyOperation, matching: (TopologyOperation) -> Bool) {
        if let index = operations.firstIndex(where: matching) {
            operations[index] = operation
        } else {
            operations.append(operation)
        }
    }
}

extension TopologyOperation {
    fileprivate func mentionsQueue(_ queue: String) -> Bool {
        switch self {
        case .declareQueue(let name, _, _, _, _, _): name == queue
        case .bindQueue(let name, _, _, _): name == queue
        default: false
        }
    }

    fileprivate func mentionsExchange(_ exchange: String) -> Bool {
        switch self {
        case .declareExchange(let name, _, _, _, _, _): name == exchange
        case .bindQueue(_, let name, _, _): name == exchange
        case .bindExchange(let destination, let source, _, _): destination == exchange || source == exchange
        default: false
        }
    }
}
