import Synchronization

/// One request from its headers to the request-completed callback; MHD holds it in `*con_cls`.
///
/// The handler runs in a task while the connection is suspended. Whoever moves the phase from
/// `running` to `ready` — the finished handler, or shutdown giving up on it — resumes the
/// connection, so it is resumed exactly once.
final class Exchange: Sendable {
    enum Phase: Sendable {
        case receiving
        case running
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
    let remoteAddress: String?
    let startedAt: ContinuousClock.Instant
    let state: Mutex<State>

    init(
        connection: MHDConnection, method: HTTPMethod, path: String, headers: HTTPHeaders,
        query: [HTTPRequest.QueryItem], remoteAddress: String?, body: RequestBodyAccumulator
    ) {
        self.connection = connection
        self.method = method
        self.path = path
        self.headers = headers
        self.query = query
        self.requestID = RequestID.accept(headers["X-Request-Id"])
        self.remoteAddress = remoteAddress
        self.startedAt = .now
        self.state = Mutex(State(body: body))
    }

    var phase: Phase { state.withLock { $0.phase } }

    /// Hands the handler's response over; true when the caller must resume the connection.
    func complete(with response: HTTPResponse) -> Bool {
        state.withLock { state in
            guard case .running = state.phase else { return false }
            state.phase = .ready(response)
            return true
        }
    }
}
