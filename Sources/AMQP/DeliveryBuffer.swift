import Synchronization

/// Deliveries on their way from the owner thread to one consumer's iterator.
///
/// The owner thread appends everything it read in one pass at once and the iterator takes the whole
/// backlog at once, so the lock and the task wake-up are paid per batch, not per message.
/// Memory stays bounded by the consumer's prefetch.
final class DeliveryBuffer: Sendable {
    enum Batch: Sendable {
        case deliveries([AMQPDelivery])
        case finished
        case failed(AMQPError)
    }

    private struct State {
        var pending: [AMQPDelivery] = []
        var end: Batch?
        var waiter: CheckedContinuation<Batch, Never>?
    }

    private let state = Mutex(State())

    func append(_ deliveries: [AMQPDelivery]) {
        let waiter: CheckedContinuation<Batch, Never>? = state.withLock { state in
            guard state.end == nil else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending.append(contentsOf: deliveries)
            return nil
        }
        waiter?.resume(returning: .deliveries(deliveries))
    }

    /// Ends the sequence after what is already buffered: `.finished` or `.failed(error)`.
    func finish(_ end: Batch) {
        let waiter: CheckedContinuation<Batch, Never>? = state.withLock { state in
            guard state.end == nil else { return nil }
            state.end = end
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: end)
    }

    /// The next batch; suspends while nothing is buffered. Task cancellation ends the wait with `.finished`.
    func next(isolation actor: isolated (any Actor)?) async -> Batch {
        await withTaskCancellationHandler {
            await withCheckedContinuation(isolation: actor) { (continuation: CheckedContinuation<Batch, Never>) in
                let ready: Batch? = state.withLock { state in
                    if !state.pending.isEmpty {
                        var taken: [AMQPDelivery] = []
                        swap(&taken, &state.pending)
                        return .deliveries(taken)
                    }
                    if let end = state.end { return end }
                    if Task.isCancelled { return .finished }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: .finished)
        }
    }
}
