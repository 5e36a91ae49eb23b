#if canImport(Glibc)
import Glibc
#endif
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
    let wakeReader: Int32
    private let wakeWriter: Int32
    /// The server's id for the current connection, 0 while disconnected.
    let clientID = Atomic<Int>(0)

    init() throws(RedisError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw RedisError(.connectionFailed, "could not create the subscriber's wake-up pipe (errno \(errno))")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeReader = fds[0]
        wakeWriter = fds[1]
    }

    deinit {
        Glibc.close(wakeReader)
        Glibc.close(wakeWriter)
    }

    /// Queues a change for the loop; false once closed.
    func submit(_ change: Change) -> Bool {
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.changes.append(change)
            return true
        }
        if accepted { wake() }
        return accepted
    }

    func close() {
        state.withLock { $0.closed = true }
        wake()
    }

    /// The changes queued since the last call, and whether the subscriber was closed.
    func takeChanges() -> (changes: [Change], closed: Bool) {
        state.withLock { state in
            defer { state.changes = [] }
            return (state.changes, state.closed)
        }
    }

    /// Empties the pipe after `poll` reported it readable (it only ever carries wake-up bytes).
    func drainWakeups() {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(wakeReader, &scratch, scratch.count) > 0 {}
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)  // a full pipe already guarantees a wake-up
    }
}
