/// Where a connection stands; readiness probes report `.connected` only.
public enum AMQPConnectionState: Sendable, Equatable {
    case connected
    /// The connection was lost; the client is trying again (`attempt` counts from 1).
    case reconnecting(attempt: Int, lastError: String)
    /// `close()` was called (or the client was released): it will not reconnect.
    case closed
}
