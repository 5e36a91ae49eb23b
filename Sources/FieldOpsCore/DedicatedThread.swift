#if canImport(Glibc)
import Glibc
#endif

/// Starts a detached POSIX thread. Blocking C calls (libpq, hiredis, libcurl) run on such threads so
/// they never hold one of Swift's few cooperative-pool threads, nor one of Dispatch's global-queue
/// threads, whose pool grows only slowly when its threads block.
public enum DedicatedThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    public static func start(purpose: String, _ run: @escaping @Sendable () -> Void) throws(ThreadStartError) {
        // The body crosses into C as user data: a capturing closure cannot be a C function pointer.
        let body = Unmanaged.passRetained(Body(run)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, body)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(body).release()
            throw ThreadStartError(purpose: purpose, status: status)
        }
        pthread_detach(thread)
    }
}

public struct ThreadStartError: Error, CustomStringConvertible, Sendable {
    public let purpose: String
    public let status: Int32

    public var description: String { "could not start a thread for \(purpose): error \(status)" }
}
