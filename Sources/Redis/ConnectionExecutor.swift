#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A serial executor backed by one dedicated thread: a `RedisConnection` actor runs every method on
/// it, so the hiredis context is only ever touched by that thread and blocking reads stay off the
/// cooperative pool. It is also a task executor, so a caller can run its own loop on the same
/// thread and call the connection without a thread switch per call.
final class ConnectionExecutor: SerialExecutor, TaskExecutor {
    private struct Queue {
        var jobs: [UnownedJob] = []
        var head = 0
        var stopping = false
    }

    private let queue = Mutex(Queue())
    /// Counts queued jobs (plus one for the stop request). `sem_t` must not move, hence the allocation;
    /// semaphores are safe to post and wait from any thread.
    private let ready: UnsafeMutablePointer<sem_t>

    init() throws(RedisError) {
        ready = .allocate(capacity: 1)
        sem_init(ready, 0, 0)
        do {
            try DedicatedThread.start(purpose: "a Redis connection") { [self] in runLoop() }
        } catch {
            sem_destroy(ready)
            ready.deallocate()
            throw error
        }
    }

    deinit {
        sem_destroy(ready)
        ready.deallocate()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        queue.withLock { $0.jobs.append(unowned) }
        sem_post(ready)
    }

    /// Lets the thread finish once the jobs already queued have run.
    func stop() {
        queue.withLock { $0.stopping = true }
        sem_post(ready)
    }

    private func runLoop() {
        while true {
            waitForWork()
            let next: UnownedJob? = queue.withLock { queue in
                guard queue.head < queue.jobs.count else { return nil }
                let job = queue.jobs[queue.head]
                queue.head += 1
                if queue.head == queue.jobs.count {
                    queue.jobs.removeAll(keepingCapacity: true)
                    queue.head = 0
                }
                return job
            }
            if let next {
                next.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
            } else if queue.withLock({ $0.stopping }) {
                return
            }
        }
    }

    private func waitForWork() {
        while sem_wait(ready) != 0 && errno == EINTR {}
    }
}

// Justification: all mutable state is in the `Mutex`; the semaphore is thread-safe by contract and its
// pointer never changes.
extension ConnectionExecutor: @unchecked Sendable {}
