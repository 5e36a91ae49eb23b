import Synchronization

/// One request from its headers to the request-completed callback; MHD holds it in `*con_cls`.
///
/// A handler that waits runs while the connection is suspended. Whoever moves the phase from
/// `suspended` to `ready` — the finished handler, or shutdown giving up on it — resumes the
/// connection, so it is resumed exactly once.
final class Exchange: Sendable {
    enum Phase: Sendable {
        case receiving
        /// The handler runs; the connection is not suspended (yet).
        case running
        /// The handler waits for something; the connection is suspended until it answers.
        case suspended
        case ready(HTTPResponse)
        case responded
    }

    struct State: Sendable {
        var phase: Phase = .receiving
        var body: RequestBodyAccumulator
        /// The route template once routed; `unmatched` keeps metric cardinality bounded.
        var route = Exchange.unmatchedRoute
        var status: Int?
        var bodyBytes = 0
        /// The event stream being sent, when the response is one.
        var stream: EventStreamBuffer?
    }

    static let unmatchedRoute = "unmatched"

    let connection: MHDConnection
    let method: HTTPMethod
    let path: String
    let headers: HTTPHeaders
    let query: [HTTPRequest.QueryItem]
    let requestID: String
    let startedAt: ContinuousClock.Instant
    let state: Mutex<State>

    init(
        connection: MHDConnection, method: HTTPMethod, path: String, headers: HTTPHeaders,
        query: [HTTPRequest.QueryItem], body: RequestBodyAccumulator
    ) {
        self.connection = connection
        self.method = method
        self.path = path
        self.headers = headers
        self.query = query
        self.requestID = RequestID.accept(headers["X-Request-Id"])
        self.startedAt = .now
        self.state = Mutex(State(body: body))
    }

    var phase: Phase { state.withLock { $0.phase } }

    /// Hands the handler's response over, resuming the connection if it was suspended. A second
    /// completion (the handler finishing after shutdown answered 503) is ignored.
    func complete(with response: HTTPResponse) {
        state.withLock { state in
            switch state.phase {
            case .running:
                state.phase = .ready(response)
            case .suspended:
                state.phase = .ready(response)
                connection.resume()
            default:
                break
            }
        }
    }

    /// On the MHD thread once the handler has run as far as it could: its response, or nil after
    /// suspending the connection. Under the lock, so a completion from another thread either comes
    /// before (and is returned) or after (and resumes a connection that is really suspended).
    func suspendUnlessReady() -> HTTPResponse? {
        state.withLock { state in
            if case .ready(let response) = state.phase { return response }
            state.phase = .suspended
            connection.suspend()
            return nil
        }
    }
}
