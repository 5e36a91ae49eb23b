#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A job about to be recorded: what the gateway knows before it publishes the job's command.
public struct NewJob: Sendable, Equatable {
    public let id: UUID
    public let tenant: String
    /// The command's message type, e.g. `report.render.v1`.
    public let kind: String
    public let submittedBy: String
    /// The command's JSON body.
    public let payload: [UInt8]

    public init(id: UUID, tenant: String, kind: String, submittedBy: String, payload: [UInt8]) {
        self.id = id
        self.tenant = tenant
        self.kind = kind
        self.submittedBy = submittedBy
        self.payload = payload
    }
}
