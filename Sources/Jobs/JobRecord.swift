#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A job as stored in the control plane and shown by `GET /v1/jobs/{id}`.
public struct JobRecord: Sendable, Equatable {
    public let id: UUID
    public let tenant: String
    public let kind: String
    public let status: JobStatus
    public let submittedBy: String
    /// The command's JSON body, as submitted.
    public let payload: [UInt8]
    /// The worker's JSON result once succeeded.
    public let result: [UInt8]?
    /// The JSON error once failed (the reason a message was parked).
    public let error: [UInt8]?
    public let attempts: Int
    public let createdAt: Date
    public let updatedAt: Date
    public let finishedAt: Date?
}
