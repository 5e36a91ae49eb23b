import AMQP
import Synchronization

/// Collects a consumer's deliveries into batches: whatever arrived while the previous batch was
/// being stored is the next batch. At low rates a batch is one delivery (no added latency); under
/// load batches grow up to the limit and the cost per position falls.
final class DeliveryBatcher: Sendable {
    private struct State {
        var buffered: [AMQPDelivery] = []
        var waiter: CheckedContinuation<Void, Never>?
        var finished = false
    }

    private let state = Mutex(State())

    func append(_ delivery: AMQPDelivery) {
        let waiter = state.withLock { state in
            state.buffered.append(delivery)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// No more deliveries will come: `next` hands out what is left, then nil.
    func finish() {
        let waiter = state.withLock { state in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Up to `maximum` deliveries in arrival order, waiting for the first; nil once finished and empty.
    func next(maximum: Int) async -> [AMQPDelivery]? {
        while true {
            enum Step { case batch([AMQPDelivery]), done, wait }
            let step: Step = state.withLock { state in
                if !state.buffered.isEmpty {
                    let count = min(maximum, state.buffered.count)
                    defer { state.buffered.removeFirst(count) }
                    return .batch(Array(state.buffered.prefix(count)))
                }
                return state.finished ? .done : .wait
            }
            switch step {
            case .batch(let batch): return batch
            case .done: return nil
            case .wait:
                await withCheckedContinuation { continuation in
                    let resumeNow = state.withLock { state in
                        guard state.buffered.isEmpty, !state.finished else { return true }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
        }
    }
}
