/// What a span stands for in a conversation between processes. The raw values are the OTLP
/// `SpanKind` numbers, so exporters write them as they are.
public enum SpanKind: Int, Sendable, Hashable, CaseIterable {
    /// Work inside one process: a database transaction, a rendering step.
    case `internal` = 1
    /// An incoming request handled synchronously (the gateway's HTTP handler).
    case server = 2
    /// An outgoing request waited on (an HTTP call, a query).
    case client = 3
    /// A message sent without waiting for it to be handled (a publish to RabbitMQ).
    case producer = 4
    /// A message taken from a queue and handled (a worker's delivery).
    case consumer = 5
}
