/// Thrown by a handler to answer with a chosen status and problem document.
/// Any other error becomes a `500` whose body says nothing about the cause (the log does).
public struct HTTPError: Error, Sendable {
    public var problem: ProblemDetails
    public var headers: HTTPHeaders

    public init(_ problem: ProblemDetails, headers: HTTPHeaders = [:]) {
        self.problem = problem
        self.headers = headers
    }

    public init(status: Int, detail: String? = nil, headers: HTTPHeaders = [:]) {
        self.init(ProblemDetails(status: status, detail: detail), headers: headers)
    }

    public static func badRequest(_ detail: String) -> HTTPError { HTTPError(status: 400, detail: detail) }
    public static func notFound(_ detail: String? = nil) -> HTTPError { HTTPError(status: 404, detail: detail) }

    /// `503` with `Retry-After`, for a dependency that is down (broker, database).
    public static func unavailable(_ detail: String, retryAfterSeconds: Int) -> HTTPError {
        HTTPError(status: 503, detail: detail, headers: ["Retry-After": String(retryAfterSeconds)])
    }
}
