/// One event of a `text/event-stream` response.
public struct ServerSentEvent: Sendable, Equatable {
    public var id: String?
    public var event: String?
    public var data: String
    /// Reconnection delay the client should use, in milliseconds.
    public var retry: Int?

    public init(id: String? = nil, event: String? = nil, data: String, retry: Int? = nil) {
        self.id = id
        self.event = event
        self.data = data
        self.retry = retry
    }

    /// The wire form: one field per line, multi-line data split over several `data:` lines, a blank line at the end.
    public var encoded: String {
        var out = ""
        if let id { out += "id: " + Self.singleLine(id) + "\n" }
        if let event { out += "event: " + Self.singleLine(event) + "\n" }
        if let retry { out += "retry: \(retry)\n" }
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "data: " + line.replacing("\r", with: "") + "\n"
        }
        return out + "\n"
    }

    /// A line break inside `id` or `event` would start a new field; drop it.
    private static func singleLine(_ value: String) -> String {
        value.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
    }
}
