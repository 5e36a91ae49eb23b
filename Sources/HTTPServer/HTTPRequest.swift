import Foundation
import Telemetry

/// One request as a handler sees it.
public struct HTTPRequest: Sendable {
    public struct QueryItem: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    public let method: HTTPMethod
    /// The decoded path, without the query string.
    public let path: String
    public let query: [QueryItem]
    public let headers: HTTPHeaders
    public let body: RequestBody
    /// The matched route template, e.g. `/v1/interventions/{id}`.
    public let route: String
    /// Values of the template's `{name}` segments.
    public let pathParameters: [String: String]
    /// The incoming `X-Request-Id` when it is sane, otherwise a new one; echoed in the response.
    public let requestID: String
    /// The incoming `traceparent`/`tracestate`, or a new trace when absent or invalid.
    public let trace: TraceContext
    let serverLogger: Logger

    /// The server's logger carrying `request.id` and `trace_id` (built on use: most handlers never log).
    public var logger: Logger {
        serverLogger.with(["request.id": requestID, "trace_id": trace.traceID.hex])
    }

    /// The first value of query parameter `name`.
    public func query(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// The body as bytes, read from the temporary file for large uploads.
    public func bodyBytes() throws(HTTPError) -> [UInt8] {
        switch body {
        case .empty: return []
        case .bytes(let bytes): return bytes
        case .file(let path, _):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw HTTPError(status: 500, detail: "The request body could not be read.")
            }
            return Array(data)
        }
    }

    /// The body decoded from JSON; a body that does not decode is the client's fault (`400`).
    public func decode<Value: Decodable>(_ type: Value.Type) throws(HTTPError) -> Value {
        let bytes = try bodyBytes()
        do {
            return try JSONCoding.decoder.decode(type, from: bytes)
        } catch {
            throw HTTPError(ProblemDetails(status: 400, title: "Malformed JSON body", detail: Self.describe(error), instance: path))
        }
    }

    /// A short description that names the offending field without echoing Swift type names.
    private static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let context):
            "Missing field '\(Self.fieldPath(context.codingPath + [key]))'."
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "Field '\(Self.fieldPath(context.codingPath))' has the wrong type."
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            "Field '\(Self.fieldPath(context.codingPath))' is invalid."
        default:
            "The body is not valid JSON."
        }
    }

    private static func fieldPath(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
