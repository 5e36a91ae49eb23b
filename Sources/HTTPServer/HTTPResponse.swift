import FieldOpsCore
import Foundation

/// What a handler returns: a status, headers and either bytes or a stream of server-sent events.
public struct HTTPResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        case eventStream(EventStream)
    }

    public var status: Int
    public var headers: HTTPHeaders
    public var body: Body

    public init(status: Int = 200, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
    }

    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }

    /// `value` encoded as JSON with sorted keys and ISO 8601 dates.
    public static func json(_ value: some Encodable, status: Int = 200, headers: HTTPHeaders = [:]) throws -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: headers, body: Array(try JSONCoding.encoder.encode(value)))
    }

    public static func problem(_ problem: ProblemDetails, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", ProblemDetails.contentType)
        // Encoding strings, numbers and JSON values cannot fail.
        let body = (try? JSONCoding.encoder.encode(problem)).map(Array.init) ?? []
        return HTTPResponse(status: problem.status, headers: headers, body: body)
    }

    /// A `text/event-stream` response fed by `events`; it ends when the sequence ends (or throws)
    /// or when the client goes away, whichever comes first.
    public static func eventStream<Events: AsyncSequence & Sendable>(
        _ events: Events, headers: HTTPHeaders = [:]
    ) -> HTTPResponse where Events.Element == ServerSentEvent {
        var response = HTTPResponse(status: 200, headers: headers)
        response.headers.set("Content-Type", "text/event-stream")
        response.headers.set("Cache-Control", "no-cache")
        response.body = .eventStream(EventStream { sink in
            do {
                for try await event in events {
                    guard sink.send(event.encoded) else { return }
                }
            } catch {
                // A failing source ends the stream like a finished one; the client reconnects.
            }
        })
        return response
    }
}

/// The producing side of an event-stream response, run in its own task.
public struct EventStream: Sendable {
    let pump: @Sendable (EventStreamBuffer) async -> Void
}

/// The one JSON configuration of the server, so every body looks the same.
/// Shared instances: the coders are thread-safe once configured and costly to create per request.
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// Request bodies are UTF-8 JSON (RFC 8259), which is all the tape decoder reads.
    static let decoder = JSONTapeDecoder(dateDecoding: .iso8601)
}
