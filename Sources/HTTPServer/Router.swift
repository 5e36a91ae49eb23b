/// What serves one route.
public typealias HTTPHandler = @Sendable (HTTPRequest) async throws -> HTTPResponse

/// Maps a method and path to a handler. Built before the server starts, then read-only.
public struct Router: Sendable {
    private struct Route: Sendable {
        let template: PathTemplate
        var handlers: [HTTPMethod: HTTPHandler]

        /// HEAD is served by the GET handler (the server sends headers only).
        func handler(for method: HTTPMethod) -> HTTPHandler? {
            handlers[method] ?? (method == .head ? handlers[.get] : nil)
        }
    }

    /// The outcome of routing one request.
    public enum Match: Sendable {
        /// `route` is the template (`/v1/interventions/{id}`), the label metrics and logs use.
        case found(route: String, parameters: [String: String], handler: HTTPHandler)
        /// The path exists but not for this method; `allowed` goes into the `Allow` header.
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    /// Most specific first (`PathTemplate.isMoreSpecific`).
    private var routes: [Route] = []
    /// For each path length (in segments), the routes that can match a path of that length, in the
    /// order of `routes`: a path is only compared with the few templates of its length, not all of them.
    private var candidatesByLength: [[Int]] = []
    /// The routes ending in a `{name...}` remainder, for paths longer than every template.
    private var remainderRoutes: [Int] = []
    /// The routes without parameters, by their path: most requests (`/healthz`, `POST /v1/reports`)
    /// are found with one lookup, before any path is split. Such a route is the most specific of
    /// all those that fit its path, so looking it up first keeps the order of `routes`.
    private var literalRoutes: [String: Int] = [:]

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ template: String, _ handler: @escaping HTTPHandler) {
        let parsed = PathTemplate(template)
        if let index = routes.firstIndex(where: { $0.template == parsed }) {
            routes[index].handlers[method] = handler
            return
        }
        routes.append(Route(template: parsed, handlers: [method: handler]))
        routes.sort { $0.template.isMoreSpecific(than: $1.template) }
        let longest = routes.map(\.template.segments.count).max() ?? 0
        candidatesByLength = (0...longest).map { length in routes.indices.filter { routes[$0].template.accepts(length: length) } }
        remainderRoutes = routes.indices.filter { routes[$0].template.endsInRemainder }
        literalRoutes = Dictionary(uniqueKeysWithValues: routes.indices.filter { routes[$0].template.isLiteral }.map { (routes[$0].template.text, $0) })
    }

    public mutating func get(_ template: String, _ handler: @escaping HTTPHandler) { add(.get, template, handler) }
    public mutating func post(_ template: String, _ handler: @escaping HTTPHandler) { add(.post, template, handler) }
    public mutating func put(_ template: String, _ handler: @escaping HTTPHandler) { add(.put, template, handler) }
    public mutating func patch(_ template: String, _ handler: @escaping HTTPHandler) { add(.patch, template, handler) }
    public mutating func delete(_ template: String, _ handler: @escaping HTTPHandler) { add(.delete, template, handler) }

    /// Every method and template routed, for checking the API document against the router.
    public var endpoints: [(method: HTTPMethod, template: String)] {
        routes.flatMap { route in route.handlers.keys.map { (method: $0, template: route.template.text) } }
    }

    /// The most specific route that fits `path` and serves `method`, or why there is none.
    public func match(_ method: HTTPMethod, path: String) -> Match {
        if let index = literalRoutes[path], let handler = routes[index].handler(for: method) {
            return .found(route: routes[index].template.text, parameters: [:], handler: handler)
        }
        let segments = Array(path.split(separator: "/", omittingEmptySubsequences: false).dropFirst())
        let candidates = segments.count < candidatesByLength.count ? candidatesByLength[segments.count] : remainderRoutes
        var allowed: Set<HTTPMethod> = []
        for index in candidates {
            let route = routes[index]
            guard let parameters = route.template.match(segments) else { continue }
            if let handler = route.handler(for: method) {
                return .found(route: route.template.text, parameters: parameters, handler: handler)
            }
            allowed.formUnion(route.handlers.keys)
            if route.handlers[.get] != nil { allowed.insert(.head) }
        }
        if allowed.isEmpty { return .notFound }
        return .methodNotAllowed(allowed: allowed.sorted { $0.rawValue < $1.rawValue })
    }
}
