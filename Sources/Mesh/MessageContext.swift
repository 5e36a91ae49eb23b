#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Telemetry

/// What a handler knows about the message it is handling besides its body.
public struct MessageContext: Sendable {
    public let messageID: String
    public let tenant: String
    /// The job this message advances, when it was submitted as one.
    public let jobID: UUID?
    /// 1 for the first delivery; counts retries through the delay queues.
    public let attempt: Int
    /// True when the broker delivered this message before (a consumer died without acking).
    public let redelivered: Bool
    public let queue: String
    public let trace: TraceContext
    /// The worker's logger, before this message's metadata is added.
    let workerLogger: Logger

    /// Carries `tenant`, `message.id`, `trace_id` and `attempt`. Made on each access: building it for
    /// every message, logged or not, was a tenth of the runtime's cost per message.
    public var logger: Logger {
        workerLogger.with([
            "tenant": tenant, "message.id": messageID, "trace_id": trace.traceID.hex, "attempt": "\(attempt)",
        ])
    }
}
