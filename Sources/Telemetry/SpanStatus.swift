/// How a span ended. `unset` is the default: only what knows better says `ok` or `error`.
public enum SpanStatus: Sendable, Hashable {
    case unset
    case ok
    case error(message: String)

    /// The OTLP `StatusCode` number.
    public var code: Int {
        switch self {
        case .unset: 0
        case .ok: 1
        case .error: 2
        }
    }
}
