import AMQP
import FieldOpsCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPServer
import Identity
import Jobs
import Mesh
import Postgres

/// Accepts asynchronous work: records the job, publishes its command, and answers `202` with the
/// job's location only after the job row is committed and the broker confirmed the publish. The
/// broker away → `503` with `Retry-After` and no job left behind.
///
/// Submissions that arrive together are group-committed (`RequestBatcher`): their job rows go in
/// one INSERT, then their commands are published back to back and their confirms awaited together.
/// Each request still gets its own outcome: a command the broker did not confirm removes only its
/// own job and answers only its own request with `503`.
public struct JobSubmitter: Sendable {
    /// How long a client should wait before retrying while the broker is away.
    static let retryAfterSeconds = 5
    /// One batch at a time: what arrives meanwhile forms the next, larger batch. Fewer, larger
    /// batches cost PostgreSQL and RabbitMQ less per job than overlapping small ones; measured with
    /// scripts/bench/gateway.sh, 1 batch gave 8.8k/s at p99 13 ms where 4 gave 6.3k/s at p99 20–39 ms.
    static let concurrentBatches = 1
    static let maxBatchSize = 256

    private let broker: BrokerLink
    private let batcher: RequestBatcher<Submission, Outcome>

    public init(jobs: JobStore, broker: BrokerLink) {
        self.broker = broker
        batcher = RequestBatcher(purpose: "job submission batches", maxBatchSize: Self.maxBatchSize, concurrency: Self.concurrentBatches) { submissions in
            await Self.commit(submissions, jobs: jobs, broker: broker)
        }
    }

    /// A job recorded and its command confirmed.
    public struct Accepted: Encodable, Sendable {
        public let id: String
        public let kind: String
        public let status: String
        public let location: String

        init(id: UUID, kind: String) {
            self.id = id.uuidString.lowercased()
            self.kind = kind
            status = JobStatus.queued.rawValue
            location = "/v1/jobs/\(self.id)"
        }
    }

    /// `202` with the job and its `Location`.
    public func submit<Message: MeshMessage>(_ message: Message, routingKey: String, claims: AccessClaims, request: HTTPRequest) async throws -> HTTPResponse {
        Self.response(try await enqueue(message, routingKey: routingKey, claims: claims, request: request))
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
            throw Self.brokerUnreachable
        }
        let id = UUID()
        let body = Array(try JSONEncoder().encode(message))
        let command = MeshPublisher(connection: connection, appID: "gateway").envelope(
            type: Message.type, body: body, routingKey: routingKey, tenant: tenant, jobID: id, trace: request.trace.child()
        )
        let job = NewJob(id: id, tenant: tenant, kind: Message.type, submittedBy: claims.subject, payload: body)
        switch await batcher.submit(Submission(job: job, command: command)) {
        case .accepted:
            return Accepted(id: id, kind: Message.type)
        case .notRecorded(let error):
            throw error
        case .brokerUnreachable:
            throw Self.brokerUnreachable
        case .notConfirmed(let error):
            // Not confirmed: the command may or may not be stored, so the client must not get a job
            // id it could wait on forever. The rare duplicate after a retry is absorbed by the inbox.
            request.logger.warning("publish not confirmed", ["error": "\(error)", "job.id": id.uuidString])
            throw HTTPError.unavailable("The message broker did not confirm the job; retry later.", retryAfterSeconds: Self.retryAfterSeconds)
        }
    }

    private static var brokerUnreachable: HTTPError {
        .unavailable("The message broker is unreachable; nothing was accepted.", retryAfterSeconds: retryAfterSeconds)
    }

    /// `202` with the job's location; the body is written by hand (sorted keys, as `HTTPResponse.json`
    /// would), since this is the hottest response of the gateway.
    private static func response(_ job: Accepted) -> HTTPResponse {
        var body = #"{"id":""# + job.id + #"","kind":"#
        JSONString.append(job.kind, to: &body)
        body += #","location":""# + job.location + #"","status":""# + job.status + #""}"#
        return HTTPResponse(status: 202, headers: ["Content-Type": "application/json", "Location": job.location], body: Array(body.utf8))
    }

    // MARK: - Group commit

    struct Submission: Sendable {
        let job: NewJob
        let command: AMQPOutgoingMessage
    }

    enum Outcome: Sendable {
        /// Job row committed and command confirmed.
        case accepted
        /// The job row could not be written; nothing was published.
        case notRecorded(any Error)
        /// The broker was unreachable when the batch began; nothing was written.
        case brokerUnreachable
        /// The job row was written, the broker did not confirm; the row is removed again.
        case notConfirmed(AMQPError)
    }

    /// Inserts the batch's job rows, publishes the commands of those recorded, and removes the rows
    /// of commands the broker did not confirm.
    private static func commit(_ submissions: [Submission], jobs: JobStore, broker: BrokerLink) async -> [Outcome] {
        guard let connection = broker.connection, connection.isConnected else {
            return Array(repeating: .brokerUnreachable, count: submissions.count)
        }
        var outcomes = await record(submissions.map(\.job), jobs: jobs)
        let recorded = outcomes.indices.filter { if case .accepted = outcomes[$0] { true } else { false } }
        let published = await connection.publishEach(recorded.map { submissions[$0].command })
        var unconfirmed: [UUID] = []
        for (index, result) in zip(recorded, published) {
            if case .failure(let error) = result {
                outcomes[index] = .notConfirmed(error)
                unconfirmed.append(submissions[index].job.id)
            }
        }
        // Best effort: a row left behind stays `queued` and reads as such; its client got a 503.
        try? await jobs.discard(ids: unconfirmed)
        return outcomes
    }

    /// Writes the rows in one statement. If the database refuses that statement, each row is tried
    /// on its own, so one row the database will not take fails only its own request.
    private static func record(_ batch: [NewJob], jobs: JobStore) async -> [Outcome] {
        do {
            try await jobs.create(batch)
            return Array(repeating: .accepted, count: batch.count)
        } catch let error as PostgresError where error.code == .server && batch.count > 1 {
            var outcomes: [Outcome] = []
            for job in batch {
                do {
                    try await jobs.create([job])
                    outcomes.append(.accepted)
                } catch {
                    outcomes.append(.notRecorded(error))
                }
            }
            return outcomes
        } catch {
            return Array(repeating: .notRecorded(error), count: batch.count)
        }
    }
}

