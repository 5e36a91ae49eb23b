import Synchronization

/// The connection state as every task sees it, and the streams that report its changes.
final class StateBroadcast: Sendable {
    private struct Subscribers {
        var current: AMQPConnectionState = .connected
        var streams: [Int: AsyncStream<AMQPConnectionState>.Continuation] = [:]
        var nextID = 0
    }

    private let subscribers = Mutex(Subscribers())

    var current: AMQPConnectionState { subscribers.withLock { $0.current } }

    func set(_ state: AMQPConnectionState) {
        let streams = subscribers.withLock { subscribers in
            subscribers.current = state
            return Array(subscribers.streams.values)
        }
        for stream in streams {
            stream.yield(state)
            if state == .closed { stream.finish() }
        }
    }

    /// Starts with the current state, then every change; finishes after `.closed`.
    func stream() -> AsyncStream<AMQPConnectionState> {
        let (stream, continuation) = AsyncStream.makeStream(of: AMQPConnectionState.self, bufferingPolicy: .bufferingNewest(16))
        let (id, current) = subscribers.withLock { subscribers in
            let id = subscribers.nextID
            subscribers.nextID += 1
            subscribers.streams[id] = continuation
            return (id, subscribers.current)
        }
        continuation.onTermination = { [weak self] _ in
            self?.subscribers.withLock { _ = $0.streams.removeValue(forKey: id) }
        }
        continuation.yield(current)
        if current == .closed { continuation.finish() }
        return stream
    }
}
