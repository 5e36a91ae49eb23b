/// Exchange and header names shared by everything that publishes or consumes in the mesh; they
/// match topology/definitions.json.
public enum MeshExchange {
    public static let commands = "fieldops.commands"
    public static let events = "fieldops.events"
    public static let retry = "fieldops.retry"
    public static let dead = "fieldops.dead"
}

public enum MeshHeader {
    public static let tenant = "x-tenant"
    public static let attempt = "x-attempt"
    /// Unix seconds of the first publish, kept across retries.
    public static let firstSeen = "x-first-seen"
    public static let traceparent = "traceparent"
    public static let tracestate = "tracestate"
    /// Selects the delay queue on the retry exchange.
    public static let retryTier = "x-retry-tier"
    public static let parkReason = "x-park-reason"
    public static let originQueue = "x-origin-queue"
    public static let parkedAt = "x-parked-at"
}
