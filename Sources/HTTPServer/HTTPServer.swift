import CMicroHTTPD
import CShims
import Synchronization
import Telemetry
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server over libmicrohttpd, running async handlers chosen by a `Router`.
///
/// ```swift
/// let server = HTTPServer(configuration: configuration, router: router, logger: logger, metrics: registry)
/// try server.start()
/// ...
/// await server.shutdown(gracePeriod: .seconds(10))
/// ```
public final class HTTPServer: Sendable {
    /// MHD's daemon handle. `@unchecked Sendable`: after start it is only passed to
    /// `MHD_quiesce_daemon`/`MHD_stop_daemon`, once, by whoever takes it out of `daemon`.
    private struct Daemon: @unchecked Sendable {
        let pointer: OpaquePointer
        let core: Unmanaged<ServerCore>
    }

    private let core: ServerCore
    private let daemon = Mutex<Daemon?>(nil)
    private let boundPort = Atomic<Int>(0)

    public init(configuration: HTTPServerConfiguration, router: Router, logger: Logger, metrics: MetricsRegistry, tracer: Tracer = .noop) {
        core = ServerCore(configuration: configuration, router: router, logger: logger, metrics: metrics, tracer: tracer)
    }

    /// The listening port (the chosen one when the configuration asked for port 0); 0 before `start()`.
    public var port: Int { boundPort.load(ordering: .relaxed) }

    /// Binds and starts serving on MHD's threads; returns at once.
    public func start() throws(HTTPServerError) {
        let configuration = core.configuration
        let retained = Unmanaged.passRetained(core)
        var errorCode: Int32 = 0
        let pointer: OpaquePointer? = configuration.bindAddress.withCString { address in
            var options = fo_mhd_daemon_options(
                bind_address: address,
                port: UInt16(configuration.port),
                thread_pool_size: UInt32(configuration.threads),
                connection_limit: UInt32(configuration.connectionLimit),
                connection_timeout_seconds: UInt32(max(1, configuration.connectionTimeout.components.seconds)),
                connection_memory_limit: configuration.connectionMemoryLimit
            )
            return fo_mhd_start_daemon(
                &options,
                { cls, connection, url, method, _, upload, uploadSize, context in
                    Unmanaged<ServerCore>.fromOpaque(cls!).takeUnretainedValue().access(
                        connection: connection!, url: url, method: method, upload: upload,
                        uploadSize: uploadSize!, context: context!
                    )
                },
                retained.toOpaque(),
                { cls, _, context, termination in
                    Unmanaged<ServerCore>.fromOpaque(cls!).takeUnretainedValue().completed(context: context, termination: termination)
                },
                retained.toOpaque(),
                &errorCode
            )
        }
        guard let pointer else {
            retained.release()
            if errorCode == EINVAL {
                throw HTTPServerError(code: .invalidBindAddress, message: "'\(configuration.bindAddress)' is not a numeric IP address")
            }
            throw HTTPServerError(
                code: .startFailed,
                message: "could not listen on \(configuration.bindAddress):\(configuration.port) (port in use or options refused)"
            )
        }
        daemon.withLock { $0 = Daemon(pointer: pointer, core: retained) }
        boundPort.store(Int(fo_mhd_bound_port(pointer)), ordering: .relaxed)
        core.logger.info("http server listening", ["http.port": String(port), "http.threads": String(configuration.threads)])
    }

    /// Stops accepting connections, ends event streams, lets in-flight requests finish for up to
    /// `gracePeriod`, answers `503` for those still running, then stops MHD. Safe to call twice.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        guard let daemon = daemon.withLock({ slot -> Daemon? in
            defer { slot = nil }
            return slot
        }) else { return }
        core.draining.store(true, ordering: .relaxed)
        // New connections are refused from here on. The socket is shut down, not closed, until MHD
        // has stopped: its threads may still hold the descriptor until they notice the quiesce.
        let listener = MHD_quiesce_daemon(daemon.pointer)
        if listener >= 0 { Glibc.shutdown(listener, Int32(SHUT_RDWR)) }
        core.finishEventStreams()
        await waitForInFlight(upTo: gracePeriod)
        core.abandonRunningHandlers()
        // The 503s need a moment to be written before MHD closes every socket.
        await waitForInFlight(upTo: .seconds(1))
        MHD_stop_daemon(daemon.pointer)
        if listener >= 0 { close(listener) }
        daemon.core.release()
        core.logger.info("http server stopped")
    }

    private func waitForInFlight(upTo limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while core.inFlight.load(ordering: .relaxed) > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// Why the server could not start.
public struct HTTPServerError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable {
        private let name: String
        public static let invalidBindAddress = Code(name: "invalidBindAddress")
        public static let startFailed = Code(name: "startFailed")
    }

    public let code: Code
    public let message: String

    public var description: String { "HTTP server: \(message)" }
}
