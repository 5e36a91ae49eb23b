#if canImport(Glibc)
import Glibc
#endif
import FieldOpsCore
import Synchronization

/// The state a `RedisSubscriber` shares with its loop thread: subscription changes waiting to be sent,
/// the closed flag, and a pipe that wakes the loop out of `poll`.
final class SubscriberControl: Sendable {
    struct Change: Sendable {
        enum Kind: String, Sendable {
            case subscribe, unsubscribe, psubscribe, punsubscribe
        }

        let kind: Kind
        let names: [String]
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var changes: [Change] = []
        var closed = false
    }

    private let state = Mutex(State())
    /// Polled by the subscriber loop with its socket.
    let wakeup: WakeupPipe
    /// The server's id for the current connection, 0 while disconnected.
    let clientID = Atomic<Int>(0)

    init() throws(RedisError) {
        do {
            wakeup = try WakeupPipe()
        } catch {
            throw RedisError(.connectionFailed, error.description)
        }
    }

    /// Queues a change for the loop; false once closed.
    func submit(_ change: Change) -> Bool {
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.changes.append(change)
            return true
        }
        if accepted { wakeup.wake() }
        return accepted
    }

    func close() {
        state.withLock { $0.closed = true }
        wakeup.wake()
    }

    /// The changes queued since the last call, and whether the subscriber was closed.
    func takeChanges() -> (changes: [Change], closed: Bool) {
        state.withLock { state in
            defer { state.changes = [] }
            return (state.changes, state.closed)
        }
    }
}
