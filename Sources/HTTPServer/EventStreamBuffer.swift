import CMicroHTTPD
import Synchronization

/// The bytes of one server-sent-event response waiting for MHD to send them.
///
/// The producer task appends; MHD's reader callback drains on the connection's thread. When there
/// is nothing to send the callback suspends the connection (returning 0 would make MHD's internal
/// loop spin) and the next `send` or `finish` resumes it.
final class EventStreamBuffer: Sendable {
    private struct State {
        var pending: [UInt8] = []
        var suspended = false
        /// No more events will come: send what is pending, then end the chunked body.
        var finished = false
        /// MHD released the response: the client is gone or the stream ended. Never resume after this.
        var released = false
        var tasks: [Task<Void, Never>] = []
    }

    private let connection: MHDConnection
    private let state = Mutex(State())

    init(connection: MHDConnection) {
        self.connection = connection
    }

    /// Queues `text`; false once the stream is over, which tells the producer to stop.
    @discardableResult
    func send(_ text: String) -> Bool {
        state.withLock { state in
            guard !state.finished, !state.released else { return false }
            state.pending.append(contentsOf: text.utf8)
            wake(&state)
            return true
        }
    }

    func finish() {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            if !state.released { wake(&state) }
        }
    }

    /// Starts the producer and the heartbeat that keeps proxies from timing out and reveals gone clients.
    func start(_ stream: EventStream, heartbeat: Duration) {
        let producer = Task { [self] in
            await stream.pump(self)
            finish()
        }
        let beat = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: heartbeat)
                guard send(": keep-alive\n\n") else { return }
            }
        }
        let released = state.withLock { state in
            state.tasks = [producer, beat]
            return state.released
        }
        if released { cancelTasks() }
    }

    /// MHD's content-reader callback. Called on the connection's MHD thread.
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        state.withLock { state in
            if !state.pending.isEmpty {
                let count = min(capacity, state.pending.count)
                state.pending.withUnsafeBytes { bytes in
                    UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress!, byteCount: count)
                }
                state.pending.removeFirst(count)
                return count
            }
            if state.finished { return -1 } // MHD_CONTENT_READER_END_OF_STREAM
            state.suspended = true
            connection.suspend()
            return 0
        }
    }

    /// MHD freed the response; the connection must not be touched again.
    func release() {
        state.withLock { $0.released = true }
        cancelTasks()
    }

    private func cancelTasks() {
        for task in state.withLock({ $0.tasks }) { task.cancel() }
    }

    private func wake(_ state: inout State) {
        if state.suspended {
            state.suspended = false
            connection.resume()
        }
    }
}
