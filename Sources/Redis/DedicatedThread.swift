#if canImport(Glibc)
import Glibc
#endif

/// Starts a detached POSIX thread. Blocking socket calls (hiredis is blocking) run on such threads so
/// they never hold one of Swift's few cooperative-pool threads.
enum DedicatedThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    static func start(purpose: String, _ run: @escaping @Sendable () -> Void) throws(RedisError) {
        // The body crosses into C as user data: a capturing closure cannot be a C function pointer.
        let body = Unmanaged.passRetained(Body(run)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, body)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(body).release()
            throw RedisError(.connectionFailed, "could not start a thread for \(purpose): error \(status)")
        }
        pthread_detach(thread)
    }
}
