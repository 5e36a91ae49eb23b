#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A serial executor backed by one dedicated thread, for a C handle that must have one owner and
/// makes blocking calls: an actor can run on it (`RedisConnection`), or plain closures can be sent
/// to it (`execute`, as `PostgresConnection` does). It is also a task executor, so a caller can run
/// its own loop on the same thread and call the connection without a thread switch per call.
public final class ThreadExecutor: SerialExecutor, TaskExecutor {
    private enum Work {
        case job(UnownedJob)
        case closure(@Sendable () -> Void)
    }

    private struct Queue {
        var jobs: [Work] = []
        var head = 0
        var stopping = false
    }

    private let queue = Mutex(Queue())
    /// Counts queued jobs (plus one for the stop request). `sem_t` must not move, hence the allocation;
    /// semaphores are safe to post and wait from any thread.
    private let ready: UnsafeMutablePointer<sem_t>

    public init(purpose: String) throws(ThreadStartError) {
        ready = .allocate(capacity: 1)
        sem_init(ready, 0, 0)
        do {
            try DedicatedThread.start(purpose: purpose) { [self] in runLoop() }
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

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        queue.withLock { $0.jobs.append(.job(unowned)) }
        sem_post(ready)
    }

    /// Runs `work` on the thread, after what is already queued.
    public func execute(_ work: @escaping @Sendable () -> Void) {
        queue.withLock { $0.jobs.append(.closure(work)) }
        sem_post(ready)
    }

    /// Runs `work` on the thread and returns its result to the awaiting task.
    public func run<Value: Sendable, Failure: Error>(_ work: @escaping @Sendable () throws(Failure) -> Value) async throws(Failure) -> Value {
        let result: Result<Value, Failure> = await withCheckedContinuation { continuation in
            execute { continuation.resume(returning: Result { () throws(Failure) in try work() }) }
        }
        return try result.get()
    }

    /// Lets the thread finish once the jobs already queued have run.
    public func stop() {
        queue.withLock { $0.stopping = true }
        sem_post(ready)
    }

    private func runLoop() {
        while true {
            waitForWork()
            let next: Work? = queue.withLock { queue in
                guard queue.head < queue.jobs.count else { return nil }
                let job = queue.jobs[queue.head]
                queue.head += 1
                if queue.head == queue.jobs.count {
                    queue.jobs.removeAll(keepingCapacity: true)
                    queue.head = 0
                }
                return job
            }
            switch next {
            case .job(let job):
                job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
            case .closure(let work):
                work()
            case nil:
                if queue.withLock({ $0.stopping }) { return }
            }
        }
    }

    private func waitForWork() {
        while sem_wait(ready) != 0 && errno == EINTR {}
    }
}

// Justification: all mutable state is in the `Mutex`; the semaphore is thread-safe by contract and its
// pointer never changes.
extension ThreadExecutor: @unchecked Sendable {}
