#if canImport(Glibc)
import Glibc
#endif
import FieldOpsCore
import Synchronization

/// The queue of commands from any task to the owner thread, plus a self-pipe that wakes the owner
/// thread out of `poll` when the queue goes from empty to non-empty (one write per burst, not per command).
final class Mailbox: Sendable {
    private struct State {
        var commands: [ConnectionCommand] = []
        var closed = false
    }

    private let state = Mutex(State())
    /// Polled by the owner thread with its socket.
    let wakeup: WakeupPipe

    init() throws(AMQPError) {
        do {
            wakeup = try WakeupPipe()
        } catch {
            throw AMQPError(.connectionFailed, error.description)
        }
    }

    /// Queues `command`; `false` once the owner thread has stopped (the caller answers it instead).
    func post(_ command: ConnectionCommand) -> Bool {
        let outcome: (accepted: Bool, wake: Bool) = state.withLock { state in
            guard !state.closed else { return (false, false) }
            state.commands.append(command)
            return (true, state.commands.count == 1)
        }
        if outcome.wake { wakeup.wake() }
        return outcome.accepted
    }

    /// Sends a command and waits for its answer; fails with `.clientClosed` once the client is closed.
    func request<Value: Sendable>(_ make: (Reply<Value>) -> ConnectionCommand) async throws(AMQPError) -> Value {
        let result = await withCheckedContinuation { (reply: Reply<Value>) in
            if !post(make(reply)) {
                reply.resume(returning: .failure(AMQPError(.clientClosed, "the AMQP client is closed")))
            }
        }
        return try result.get()
    }

    /// Everything queued so far, oldest first.
    func takeAll() -> [ConnectionCommand] {
        state.withLock { state in
            var taken: [ConnectionCommand] = []
            swap(&taken, &state.commands)
            return taken
        }
    }

    var isEmpty: Bool { state.withLock { $0.commands.isEmpty } }

    /// Refuses further commands and returns the ones still queued, for the owner thread to fail.
    func shutDown() -> [ConnectionCommand] {
        state.withLock { state in
            state.closed = true
            var taken: [ConnectionCommand] = []
            swap(&taken, &state.commands)
            return taken
        }
    }
}
