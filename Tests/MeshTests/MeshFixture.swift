import AMQP
import FieldOpsCore
import Foundation
import Jobs
import Mesh
import Postgres
import Telemetry
import TestSupport
import Testing

/// The command the test handler runs: record `value`, after failing or sleeping as told.
struct TestCommand: MeshMessage {
    static let type = "test.record.v1"
    var value: Int
    var failUntilAttempt: Int = 0
    var permanent: Bool = false
    /// Fails with an error of another library that says retrying cannot help.
    var unfixable: Bool = false
    var delayMilliseconds: Int = 0

    func validate() throws(MessageValidationError) {
        if value < 0 { throw MessageValidationError(["value": "must not be negative"]) }
    }
}

struct RejectedForGood: PermanentFailure, CustomStringConvertible {
    var description: String { "rejected for good" }
}

struct NotYet: Error {}

struct GoneForGood: RetryAdvice, CustomStringConvertible {
    var retryCannotHelp: Bool { true }
    var description: String { "gone for good" }
}

/// Records each message's value in its own table through the inbox, so a duplicate shows.
struct RecordingHandler: MessageHandler {
    struct Output: Encodable, Sendable { let recorded: Int }
    let pool: PostgresPool
    let table: String

    func handle(_ message: TestCommand, context: MessageContext) async throws -> Output {
        if message.permanent { throw RejectedForGood() }
        if message.unfixable { throw GoneForGood() }
        if context.attempt < message.failUntilAttempt { throw NotYet() }
        if message.delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(message.delayMilliseconds)) }
        _ = try await Inbox.process(messageID: context.messageID, queue: context.queue, pool: pool) { connection in
            try await connection.query("INSERT INTO \(unescaped: table) (message_id, value) VALUES (\(context.messageID), \(message.value))")
        }
        return Output(recorded: message.value)
    }
}

/// A private work queue wired like the mesh's own (quorum, delivery limit, parking through
/// `fieldops.dead`), an effects table, and a worker over them.
final class MeshFixture: Sendable {
    let queue = TestServices.uniqueName("mesh-test")
    let table = "effects_" + UUID().uuidString.prefix(8).lowercased()
    let connection: AMQPConnection
    let pool: PostgresPool
    let controlPool: PostgresPool
    let jobs: JobStore
    let metrics = MetricsRegistry()
    let publisher: MeshPublisher

    init() async throws {
        connection = try await TestServices.amqpConnection(name: "mesh-tests")
        pool = try await TestServices.tenantPool()
        controlPool = try await TestServices.controlPlanePool()
        jobs = JobStore(pool: controlPool)
        publisher = MeshPublisher(connection: connection, appID: "mesh-tests")
        _ = try await connection.declareQueue(name: queue, arguments: [
            "x-queue-type": "quorum", "x-delivery-limit": .int64(3), "x-dead-letter-exchange": .string(MeshExchange.dead),
            "x-dead-letter-routing-key": .string(queue), "x-dead-letter-strategy": "at-least-once", "x-overflow": "reject-publish",
        ])
        _ = try await connection.declareQueue(name: queue + ".dead", arguments: ["x-queue-type": "quorum"])
        try await connection.bindQueue(queue: queue + ".dead", exchange: MeshExchange.dead, routingKey: queue)
        try await pool.query("CREATE TABLE \(unescaped: table) (message_id text NOT NULL, value integer NOT NULL)")
    }

    func worker(maxAttempts: Int = 3, concurrency: Int = 4, tracer: Tracer = .noop) -> Worker<RecordingHandler> {
        Worker(
            configuration: WorkerConfiguration(
                queue: queue, prefetch: 16, concurrency: concurrency, retryPolicy: RetryPolicy(maxAttempts: maxAttempts)
            ),
            connection: connection, handler: RecordingHandler(pool: pool, table: table), jobs: jobs,
            logger: TestServices.logger, metrics: WorkerMetrics(registry: metrics), tracer: tracer
        )
    }

    /// Publishes to the work queue through the default exchange, as the retry path does.
    @discardableResult
    func send(_ command: TestCommand, tenant: String = "acme", jobID: UUID? = nil, trace: TraceContext = .random()) async throws -> String {
        try await publisher.publish(command, exchange: "", routingKey: queue, tenant: tenant, jobID: jobID, trace: trace)
    }

    func recordedValues() async throws -> [Int] {
        try await pool.query("SELECT value FROM \(unescaped: table) ORDER BY value").decode((Int).self)
    }

    /// The first `count` messages of the parking queue (the suite's time limit bounds the wait).
    func parked(count: Int) async throws -> [AMQPDelivery] {
        try await connection.take(count, from: queue + ".dead")
    }

    func tearDown() async {
        _ = try? await connection.deleteQueue(name: queue)
        _ = try? await connection.deleteQueue(name: queue + ".dead")
        _ = try? await pool.query("DROP TABLE IF EXISTS \(unescaped: table)")
        await connection.close()
        await pool.close()
        await controlPool.close()
    }
}
