import Dispatch
import Synchronization

/// The task executor of one request's handler: it runs the handler on the MHD thread that
/// received the request for as long as the handler does not wait, and on Dispatch's global queue
/// once it does.
///
/// Most handlers (health, metrics, validation failures, cache hits) finish without waiting; they
/// are answered in the same MHD callback, with no suspend/resume round trip and no thread switch.
/// A handler that waits (database, broker) frees the MHD thread at its first real suspension: the
/// connection is suspended and the rest of the handler runs on the global queue. The price is the
/// usual event-loop one: heavy synchronous work at the start of a handler delays the connections of
/// that MHD thread.
final class HandlerExecutor: TaskExecutor {
    private struct State {
        /// True while the MHD thread is inside `runInline`: jobs are queued for it to run.
        var inline = false
        var jobs: [UnownedJob] = []
    }

    private let state = Mutex(State())

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let queued = state.withLock { state in
            guard state.inline else { return false }
            state.jobs.append(job)
            return true
        }
        if !queued {
            DispatchQueue.global().async { [self] in job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }

    /// Calls `start` (which creates the task) and runs on this thread every job the task enqueues
    /// until it completes or waits for something.
    func runInline(_ start: () -> Void) {
        state.withLock { $0.inline = true }
        start()
        while let job = state.withLock({ state -> UnownedJob? in
            if state.jobs.isEmpty {
                state.inline = false
                return nil
            }
            return state.jobs.removeFirst()
        }) {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
