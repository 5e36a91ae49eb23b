import Synchronization

/// Serves concurrent requests in batches, so that many requests share one round trip.
///
/// There is no timer: a request that finds fewer than `concurrency` batches being served starts
/// one at once (alone when the server is idle, so no latency is added), and requests that arrive
/// while `concurrency` batches are in flight wait and form the next batch, up to `maxBatchSize`.
/// The batch size therefore follows the load by itself: one at a time when quiet, many at once when
/// busy, which is when sharing the round trip pays.
///
/// Batches run on a thread of their own: when a batch's database or broker call returns, it goes
/// on at once instead of queueing behind the request work waiting for the shared threads — work
/// that the batch itself is about to release.
public final class RequestBatcher<Item: Sendable, Outcome: Sendable>: Sendable {
    /// Serves one batch; answers one outcome per item, in the same order.
    public typealias Serve = @Sendable ([Item]) async -> [Outcome]

    private struct Pending {
        let item: Item
        let continuation: CheckedContinuation<Outcome, Never>
    }

    private struct State {
        var pending: [Pending] = []
        var serving = 0

        mutating func takeBatch(upTo maxBatchSize: Int) -> [Pending] {
            let count = min(maxBatchSize, pending.count)
            defer { pending.removeFirst(count) }
            return Array(pending.prefix(count))
        }
    }

    private let maxBatchSize: Int
    private let concurrency: Int
    private let serve: Serve
    private let executor: any TaskExecutor
    private let state = Mutex(State())

    public init(purpose: String, maxBatchSize: Int, concurrency: Int, serve: @escaping Serve) {
        precondition(maxBatchSize > 0 && concurrency > 0, "a batcher serves at least one item in one batch at a time")
        self.maxBatchSize = maxBatchSize
        self.concurrency = concurrency
        self.serve = serve
        // Without a thread of its own (the system refused one) it still works, on the shared threads.
        executor = (try? ThreadExecutor(purpose: purpose)) ?? globalConcurrentExecutor
    }

    /// Waits for `item`'s batch to be served and returns its outcome.
    public func submit(_ item: Item) async -> Outcome {
        await withCheckedContinuation { continuation in
            let batch: [Pending]? = state.withLock { state in
                state.pending.append(Pending(item: item, continuation: continuation))
                guard state.serving < concurrency else { return nil }
                state.serving += 1
                return state.takeBatch(upTo: maxBatchSize)
            }
            if let batch {
                Task(executorPreference: executor) { await self.serveUntilIdle(batch) }
            }
        }
    }

    /// Serves `batch`, then whatever gathered meanwhile, until nothing is waiting.
    private func serveUntilIdle(_ first: [Pending]) async {
        var batch = first
        while true {
            let outcomes = await serve(batch.map(\.item))
            precondition(outcomes.count == batch.count, "a batch is answered with one outcome per item")
            for (pending, outcome) in zip(batch, outcomes) {
                pending.continuation.resume(returning: outcome)
            }
            let next: [Pending]? = state.withLock { state in
                guard !state.pending.isEmpty else {
                    state.serving -= 1
                    return nil
                }
                return state.takeBatch(upTo: maxBatchSize)
            }
            guard let next else { return }
            batch = next
        }
    }
}
