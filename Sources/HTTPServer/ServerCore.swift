import CMicroHTTPD
import CShims
import Synchronization
import Telemetry

/// Everything MHD's callbacks need, reached through the `cls` pointer.
///
/// Threading: MHD calls `access` and `completed` on its own threads, one connection always on the
/// same thread. Handlers are async: `dispatch` starts the handler task on a `HandlerExecutor`, which
/// runs it on the MHD thread until it completes or waits. A finished handler is answered at once;
/// a waiting one gets its connection suspended, and when the response is ready the task resumes the
/// connection and MHD calls `access` again to queue it. Blocking the MHD thread on a semaphore
/// instead would stall every other connection that thread's poll loop serves (with 100 clients on
/// 2 threads, 50 per thread), and a slow handler would hold up fast ones; suspending keeps the loop
/// free and keep-alive intact.
final class ServerCore: Sendable {
    let configuration: HTTPServerConfiguration
    let router: Router
    let logger: Logger
    let metrics: HTTPServerMetrics
    /// One server span per routed request, continuing the caller's `traceparent`.
    let tracer: Tracer
    /// Set by shutdown: responses carry `Connection: close` so keep-alive clients move on.
    let draining = Atomic<Bool>(false)
    /// Requests between their first access call and the completed callback.
    let inFlight = Atomic<Int>(0)
    /// Exchanges whose handler is running (their connections are suspended).
    private let running = Mutex<[ObjectIdentifier: Exchange]>([:])
    /// Open event streams, ended by shutdown.
    private let streams = Mutex<[ObjectIdentifier: EventStreamBuffer]>([:])

    init(configuration: HTTPServerConfiguration, router: Router, logger: Logger, metrics: MetricsRegistry, tracer: Tracer) {
        self.configuration = configuration
        self.router = router
        self.logger = logger
        self.metrics = HTTPServerMetrics(registry: metrics)
        self.tracer = tracer
    }

    // MARK: - MHD access handler

    func access(
        connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?,
        upload: UnsafePointer<CChar>?, uploadSize: UnsafeMutablePointer<Int>,
        context: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        guard let raw = context.pointee else {
            // First call: headers are in. Answering now would make MHD close the connection, so
            // only a body that is already known to be too large is refused here.
            let exchange = begin(connection: connection, url: url, method: method)
            context.pointee = Unmanaged.passRetained(exchange).toOpaque()
            if let declared = exchange.headers["Content-Length"].flatMap(Int.init), declared > configuration.maxBodyBytes {
                return queue(tooLarge(exchange), for: exchange)
            }
            return .YES
        }
        let exchange = Unmanaged<Exchange>.fromOpaque(raw).takeUnretainedValue()
        switch exchange.phase {
        case .receiving:
            if uploadSize.pointee > 0 {
                let accepted = receive(UnsafeRawBufferPointer(start: upload, count: uploadSize.pointee), into: exchange)
                uploadSize.pointee = 0
                return accepted ? .YES : .NO
            }
            return dispatch(exchange)
        case .running, .suspended:
            return .YES
        case .ready(let response):
            return queue(response, for: exchange)
        case .responded:
            uploadSize.pointee = 0
            return .YES
        }
    }

    private func begin(connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?) -> Exchange {
        inFlight.add(1, ordering: .relaxed)
        metrics.inFlight.increment()
        return Exchange(
            connection: MHDConnection(pointer: connection),
            method: HTTPMethod(rawValue: method.map { String(cString: $0) } ?? "GET"),
            path: url.map { String(cString: $0) } ?? "/",
            headers: MHDValues.headers(of: connection),
            query: MHDValues.query(of: connection),
            body: RequestBodyAccumulator(
                limit: configuration.maxBodyBytes, memoryLimit: configuration.inMemoryBodyLimit,
                directory: configuration.temporaryDirectory
            )
        )
    }

    /// Stores a chunk; false (close the connection) when the client keeps sending far past the
    /// limit or the spill file cannot be written.
    private func receive(_ chunk: UnsafeRawBufferPointer, into exchange: Exchange) -> Bool {
        exchange.state.withLock { state in
            do {
                try state.body.append(chunk)
            } catch {
                logger.error("request body could not be stored", ["request.id": exchange.requestID, "error": "\(error)"])
                return false
            }
            // Past the limit the bytes are only counted, so the 413 can follow the body the client is
            // still sending (MHD cannot answer mid-body); a body twice the limit is not worth waiting for.
            return state.body.received <= 2 * configuration.maxBodyBytes + 65_536
        }
    }

    private func dispatch(_ exchange: Exchange) -> MHD_Result {
        let (exceeded, body) = exchange.state.withLock { state in (state.body.exceedsLimit, state.body.finish()) }
        if exceeded { return queue(tooLarge(exchange), for: exchange) }
        switch router.match(exchange.method, path: exchange.path) {
        case .notFound:
            return queue(.problem(ProblemDetails(status: 404, instance: exchange.path)), for: exchange)
        case .methodNotAllowed(let allowed):
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            return queue(.problem(ProblemDetails(status: 405, instance: exchange.path), headers: ["Allow": allow]), for: exchange)
        case .found(let route, let parameters, let handler):
            let incoming = exchange.headers["traceparent"].flatMap { TraceContext(traceparent: $0, tracestate: exchange.headers["tracestate"]) }
            let span = tracer.startSpan(
                name: "\(exchange.method.rawValue) \(route)", kind: .server, parent: incoming,
                attributes: ["http.request.method": .string(exchange.method.rawValue), "http.route": .string(route)]
            )
            let request = makeRequest(exchange, route: route, parameters: parameters, body: body, trace: span.context)
            exchange.state.withLock { state in
                state.route = route
                state.phase = .running
            }
            running.withLock { $0[ObjectIdentifier(exchange)] = exchange }
            let executor = HandlerExecutor()
            executor.runInline {
                Task(executorPreference: executor) { [self] in
                    let response = await run(handler, request)
                    span.setAttribute("http.response.status_code", .int(Int64(response.status)))
                    span.end(status: response.status >= 500 ? .error(message: "HTTP \(response.status)") : .unset)
                    exchange.complete(with: response)
                    // Jobs keep arriving at the executor until here; the closure, not the task, owns it.
                    withExtendedLifetime(executor) {}
                }
            }
            if let response = exchange.suspendUnlessReady() {
                return queue(response, for: exchange)
            }
            return .YES
        }
    }

    private func makeRequest(_ exchange: Exchange, route: String, parameters: [String: String], body: RequestBody, trace: TraceContext) -> HTTPRequest {
        HTTPRequest(
            method: exchange.method, path: exchange.path, query: exchange.query, headers: exchange.headers,
            body: body, route: route, pathParameters: parameters, requestID: exchange.requestID,
            trace: trace,
            serverLogger: logger
        )
    }

    private func run(_ handler: HTTPHandler, _ request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await handler(request)
        } catch let error as HTTPError {
            var problem = error.problem
            problem.instance = problem.instance ?? request.path
            return .problem(problem, headers: error.headers)
        } catch {
            // The cause goes to the log only: error descriptions can carry SQL, hosts or paths.
            request.logger.error("handler failed", ["http.route": request.route, "error": String(describing: error)])
            return .problem(ProblemDetails(status: 500, detail: "The server could not complete the request.", instance: request.path))
        }
    }

    private func tooLarge(_ exchange: Exchange) -> HTTPResponse {
        .problem(ProblemDetails(
            status: 413, detail: "The request body exceeds \(configuration.maxBodyBytes) bytes.", instance: exchange.path
        ))
    }

    // MARK: - Responses

    private func queue(_ response: HTTPResponse, for exchange: Exchange) -> MHD_Result {
        let connection = exchange.connection.pointer
        var stream: EventStreamBuffer?
        let handle: OpaquePointer?
        switch response.body {
        case .bytes(let bytes):
            handle = bytes.withUnsafeBytes { buffer in
                MHD_create_response_from_buffer(buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress), .RESPMEM_MUST_COPY)
            }
        case .eventStream:
            let buffer = EventStreamBuffer(connection: exchange.connection)
            stream = buffer
            handle = MHD_create_response_from_callback(
                UInt64.max, 4096,
                { cls, _, buffer, capacity in
                    Unmanaged<EventStreamBuffer>.fromOpaque(cls!).takeUnretainedValue().read(into: buffer!, capacity: capacity)
                },
                Unmanaged.passRetained(buffer).toOpaque(),
                { cls in
                    let buffer = Unmanaged<EventStreamBuffer>.fromOpaque(cls!).takeRetainedValue()
                    buffer.release()
                }
            )
        }
        guard let handle else { return .NO }
        defer { MHD_destroy_response(handle) }
        for field in response.headers {
            _ = MHD_add_response_header(handle, field.name, field.value)
        }
        _ = MHD_add_response_header(handle, "X-Request-Id", exchange.requestID)
        if draining.load(ordering: .relaxed) {
            _ = MHD_add_response_header(handle, "Connection", "close")
        }
        let result = MHD_queue_response(connection, UInt32(response.status), handle)
        exchange.state.withLock { state in
            state.phase = .responded
            state.status = response.status
            if case .bytes(let bytes) = response.body { state.bodyBytes = bytes.count }
            state.stream = stream
        }
        if let stream, case .eventStream(let events) = response.body, result == .YES {
            streams.withLock { $0[ObjectIdentifier(stream)] = stream }
            stream.start(events, heartbeat: configuration.eventStreamHeartbeat)
        }
        return result
    }

    // MARK: - MHD request-completed callback

    func completed(context: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, termination: MHD_RequestTerminationCode) {
        guard let context, let raw = context.pointee else { return }
        context.pointee = nil
        let exchange = Unmanaged<Exchange>.fromOpaque(raw).takeRetainedValue()
        running.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(exchange)) }
        let (route, status, bytes, stream) = exchange.state.withLock { state in
            state.body.discard()
            return (state.route, state.status, state.bodyBytes, state.stream)
        }
        if let stream { streams.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(stream)) } }
        let elapsed = ContinuousClock.now - exchange.startedAt
        metrics.inFlight.decrement()
        inFlight.subtract(1, ordering: .relaxed)

        if let status {
            metrics.duration.observe(elapsed, labels: [route, exchange.method.rawValue, String(status)])
        }
        guard logger.level <= .info else { return }
        var fields: Logger.Metadata = [
            "request.id": exchange.requestID,
            "http.method": exchange.method.rawValue,
            "http.route": route,
            "http.response_bytes": String(bytes),
            "duration_ms": String(Self.milliseconds(elapsed)),
        ]
        if let status { fields["http.status"] = String(status) }
        if termination != .REQUEST_TERMINATED_COMPLETED_OK {
            fields["http.termination"] = String(termination.rawValue)
        }
        logger.info("request", fields)
    }

    /// Rounded to microseconds: enough for an access log.
    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return (Double(seconds) * 1_000_000 + Double(attoseconds / 1_000_000_000_000)) / 1_000
    }

    // MARK: - Shutdown

    /// Ends every open event stream; clients see the chunked body end and may reconnect elsewhere.
    func finishEventStreams() {
        for stream in streams.withLock({ $0.values }) { stream.finish() }
    }

    /// Answers `503` for handlers still running after the grace period so their connections resume
    /// and MHD can stop (it must not be stopped with suspended connections).
    func abandonRunningHandlers() {
        for exchange in running.withLock({ $0.values }) {
            let problem = ProblemDetails(status: 503, detail: "The server is shutting down.", instance: exchange.path)
            exchange.complete(with: .problem(problem))
        }
    }
}
