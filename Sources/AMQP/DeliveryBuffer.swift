import Synchronization

/// Deliveries on their way from the owner thread to one consumer's iterator.
///
/// The owner thread appends everything it read in one pass at once, so a waiting iterator is woken
/// once per batch, not per message. The iterator takes one delivery at a time under the same lock
/// that records a cancel: every delivery is either yielded before the cancel or handed back to the
/// owner thread to be requeued, never both. Memory stays bounded by the consumer's prefetch.
final class DeliveryBuffer: Sendable {
    enum End: Sendable {
        case finished
        case failed(AMQPError)
    }

    enum Next: Sendable {
        case delivery(AMQPDelivery)
        case end(End)
    }

    private struct State {
        /// Deliveries not yet yielded are `pending[head...]`.
        var pending: [AMQPDelivery] = []
        var head = 0
        var end: End?
        var waiter: CheckedContinuation<Next, Never>?

        /// The next delivery, else the end once the backlog is drained, else `nil` (nothing yet).
        mutating func take() -> Next? {
            guard head < pending.count else { return end.map { .end($0) } }
            let delivery = pending[head]
            head += 1
            if head == pending.count { _ = drain() }
            return .delivery(delivery)
        }

        /// Takes every delivery not yet yielded.
        mutating func drain() -> [AMQPDelivery] {
            let rest = Array(pending[head...])
            pending.removeAll(keepingCapacity: true)
            head = 0
            return rest
        }

        mutating func takeWaiter() -> CheckedContinuation<Next, Never>? {
            defer { waiter = nil }
            return waiter
        }
    }

    private let state = Mutex(State())

    /// Adds what the owner thread read; dropped once the sequence has ended.
    func append(_ deliveries: [AMQPDelivery]) {
        let handOver: (CheckedContinuation<Next, Never>, Next)? = state.withLock { state in
            guard state.end == nil else { return nil }
            state.pending.append(contentsOf: deliveries)
            // A waiting iterator found nothing pending, so this is the first of `deliveries`.
            guard let waiter = state.takeWaiter(), let next = state.take() else { return nil }
            return (waiter, next)
        }
        if let (waiter, next) = handOver { waiter.resume(returning: next) }
    }

    /// Ends the sequence after what is already buffered.
    func finish(_ end: End) {
        let waiter = state.withLock { state -> CheckedContinuation<Next, Never>? in
            guard state.end == nil else { return nil }
            state.end = end
            return state.takeWaiter()
        }
        waiter?.resume(returning: .end(end))
    }

    /// Ends the sequence now, before anything still buffered; returns those deliveries (never yielded,
    /// so the owner thread requeues them).
    func cancel() -> [AMQPDelivery] {
        let (waiter, unyielded) = state.withLock { state -> (CheckedContinuation<Next, Never>?, [AMQPDelivery]) in
            let unyielded = state.drain()
            guard state.end == nil else { return (nil, unyielded) }
            state.end = .finished
            return (state.takeWaiter(), unyielded)
        }
        waiter?.resume(returning: .end(.finished))
        return unyielded
    }

    /// Up to `maximum` deliveries already buffered, without waiting; they count as yielded.
    func takeBuffered(upTo maximum: Int) -> [AMQPDelivery] {
        state.withLock { state in
            let count = min(maximum, state.pending.count - state.head)
            guard count > 0 else { return [] }
            let taken = Array(state.pending[state.head..<state.head + count])
            state.head += count
            if state.head == state.pending.count { _ = state.drain() }
            return taken
        }
    }

    /// The next delivery; suspends while nothing is buffered. Task cancellation ends the wait with `.finished`.
    func next(isolation actor: isolated (any Actor)?) async -> Next {
        if let ready = state.withLock({ $0.take() }) { return ready }
        return await withTaskCancellationHandler {
            await withCheckedContinuation(isolation: actor) { (continuation: CheckedContinuation<Next, Never>) in
                let ready: Next? = state.withLock { state in
                    if let next = state.take() { return next }
                    if Task.isCancelled { return .end(.finished) }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            state.withLock { $0.takeWaiter() }?.resume(returning: .end(.finished))
        }
    }
}
