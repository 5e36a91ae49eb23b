#if canImport(Glibc)
import Glibc
#endif

/// Starts the dedicated thread that owns one rabbitmq-c connection (the library is not thread-safe).
/// The body is boxed and passed through pthread's `void*` argument: a C function pointer cannot capture.
enum OwnerThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    static func start(_ run: @escaping () -> Void) throws(AMQPError) {
        let context = Unmanaged.passRetained(Body(run)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
            body.run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw AMQPError(.connectionFailed, "could not start the connection thread (error \(status))")
        }
        pthread_detach(thread)
    }
}
