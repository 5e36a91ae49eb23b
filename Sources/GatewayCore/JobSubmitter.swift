import AMQP
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPServer
import Identity
import Jobs
import Mesh

/// Accepts asynchronous work: records the job, publishes its command, and answers `202` with the
/// job's location only after the broker confirmed the publish. The broker away → `503` with
/// `Retry-After` and no job left behind.
public struct JobSubmitter: Sendable {
    /// How long a client should wait before retrying while the broker is away.
    static let retryAfterSeconds = 5

    private let jobs: JobStore
    private let broker: BrokerLink

    public init(jobs: JobStore, broker: BrokerLink) {
        self.jobs = jobs
        self.broker = broker
    }

    public struct Accepted: Encodable, Sendable {
        public let id: String
        public let kind: String
        public let status: String
        public let location: String
    }

    /// `202` with the job and its `Location`.
    public func submit<Message: MeshMessage>(_ message: Message, routingKey: String, claims: AccessClaims, request: HTTPRequest) async throws -> HTTPResponse {
        let accepted = try await enqueue(message, routingKey: routingKey, claims: claims, request: request)
        return try .json(accepted, status: 202, headers: ["Location": accepted.location])
    }

    /// The job, recorded and its command confirmed by the broker, for routes that answer with more
    /// than the job.
    public func enqueue<Message: MeshMessage>(_ message: Message, routingKey: String, claims: AccessClaims, request: HTTPRequest) async throws -> Accepted {
        do {
            try message.validate()
        } catch {
            throw ValidationProblem(error, instance: request.path).httpError
        }
        guard let tenant = claims.tenant else {
            throw HTTPError(status: 403, detail: "Jobs belong to a tenant; use a tenant user's token.")
        }
        guard let connection = broker.connection, connection.isConnected else {
            throw HTTPError.unavailable("The message broker is unreachable; nothing was accepted.", retryAfterSeconds: Self.retryAfterSeconds)
        }
        let id = UUID()
        try await jobs.create(id: id, tenant: tenant, kind: Message.type, submittedBy: claims.subject, payload: Array(try JSONEncoder().encode(message)))
        do {
            try await MeshPublisher(connection: connection, appID: "gateway").publish(
                message, routingKey: routingKey, tenant: tenant, jobID: id, trace: request.trace.child()
            )
        } catch {
            // Not confirmed: the command may or may not be stored, so the client must not get a job
            // id it could wait on forever. The rare duplicate after a retry is absorbed by the inbox.
            try? await jobs.discard(id: id)
            request.logger.warning("publish not confirmed", ["error": "\(error)", "job.id": id.uuidString])
            throw HTTPError.unavailable("The message broker did not confirm the job; retry later.", retryAfterSeconds: Self.retryAfterSeconds)
        }
        let location = "/v1/jobs/\(id.uuidString.lowercased())"
        return Accepted(id: id.uuidString.lowercased(), kind: Message.type, status: JobStatus.queued.rawValue, location: location)
    }
}
