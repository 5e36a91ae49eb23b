import Synchronization

/// Wakes one waiting task: a signal given while nobody waits is kept for the next `wait`, so a
/// wake-up that races with the start of a wait is never lost.
final class WakeupSignal: Sendable {
    private struct State {
        var waiter: CheckedContinuation<Void, Never>?
        var pending = false
    }

    private let state = Mutex(State())

    func signal() {
        let waiter = state.withLock { state in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil as CheckedContinuation<Void, Never>?
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns at the first signal since the previous `wait`, or at `deadline`, whichever comes first.
    func wait(until deadline: ContinuousClock.Instant) async {
        let timer = Task {
            guard (try? await Task.sleep(until: deadline)) != nil else { return }
            self.signal()
        }
        defer { timer.cancel() }
        await withCheckedContinuation { continuation in
            let signalled = state.withLock { state in
                if state.pending {
                    state.pending = false
                    return true
                }
                state.waiter = continuation
                return false
            }
            if signalled { continuation.resume() }
        }
    }
}
