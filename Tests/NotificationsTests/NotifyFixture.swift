import AMQP
import Commands
import FieldOpsCore
import Foundation
import HTTPClient
import Mail
import Mesh
import NotificationDelivery
import Notifications
import NotifyWorker
import Postgres
import Redis
import Telemetry
import Tenancy
import TestSupport

/// A provisioned tenant with an active manager and technician, a private work queue wired like
/// `fieldops.notify`, a real SMTP sink, and the notify worker's handler consuming the queue in
/// this process. Each test gets its own and tears it down.
final class NotifyFixture: Sendable {
    let slug = TestServices.uniqueName("notify")
    // The mesh-test- prefix tells the topology drift check a private test queue from the mesh.
    let queue = TestServices.uniqueName("mesh-test-notify")
    let manager = UUID()
    let technician = UUID()
    let controlPlane: PostgresPool
    let provisioner: TenantProvisioner
    let tenants: TenantDatabases
    let pool: PostgresPool
    let redis: RedisPool
    let connection: AMQPConnection
    let smtp: SMTPSink
    let configuration: NotifyWorkerConfiguration
    let dispatcher: DeliveryDispatcher
    let worker: Worker<NotifyHandler>
    private let running: Task<Void, any Error>

    /// Tenancy as the services run it (scripts/env.sh), with this checkout's migrations.
    static func tenancy() throws -> TenancyConfiguration {
        var values = TestServices.environment.values
        values["FIELDOPS_TENANT_MIGRATIONS_DIR"] = TestServices.repositoryRoot.appendingPathComponent("migrations/tenant").path
        values["FIELDOPS_REFERENCE_DATA_DIR"] = TestServices.repositoryRoot.appendingPathComponent("reference-data").path
        values["FIELDOPS_TENANT_POOL_SIZE"] = "4"
        return try TenancyConfiguration(environment: Environment(values))
    }

    init(retry: WebhookRetrySchedule = WebhookRetrySchedule(firstDelay: .milliseconds(200), maximumDelay: .seconds(1))) async throws {
        controlPlane = try await TestServices.controlPlanePool()
        let tenancy = try Self.tenancy()
        provisioner = try TenantProvisioner(controlPlane: controlPlane, configuration: tenancy, logger: TestServices.logger)
        _ = try await provisioner.provision(slug: slug, name: "Notify \(slug)", sector: "electrical", adminEmail: "admin@\(slug).example")
        tenants = TenantDatabases(controlPlane: controlPlane, configuration: tenancy, logger: TestServices.logger)
        pool = try await tenants.pool(for: slug)
        for (id, role, name, locale) in [(manager, "manager", "Marc Manager", "fr"), (technician, "technician", "Tina Tech", "en")] {
            try await pool.query("""
                INSERT INTO users (id, email, role, status, password_hash, display_name, locale)
                VALUES (\(id), \(Self.email(id)), \(role), 'active', 'not-a-login', \(name), \(locale))
                """)
        }
        redis = try TestServices.redisPool()
        connection = try await TestServices.amqpConnection(name: "notify-tests")
        try await connection.declareQueue(name: queue, arguments: [
            "x-queue-type": "quorum", "x-delivery-limit": .int64(5), "x-dead-letter-exchange": .string(MeshExchange.dead),
            "x-dead-letter-routing-key": .string(queue), "x-dead-letter-strategy": "at-least-once", "x-overflow": "reject-publish",
        ])
        try await connection.declareQueue(name: queue + ".dead", arguments: ["x-queue-type": "quorum"])
        try await connection.bindQueue(queue: queue + ".dead", exchange: MeshExchange.dead, routingKey: queue)
        smtp = try SMTPSink()
        configuration = NotifyWorkerConfiguration(
            smtp: SMTPConfiguration(host: "127.0.0.1", port: smtp.port, security: .none, from: try MailAddress("notify@fieldops.test", name: "FieldOps360")),
            redis: try RedisConfiguration(url: TestServices.redisURL), retrySchedule: retry, dispatchInterval: .milliseconds(100),
            alertInterval: .zero
        )
        let metrics = MetricsRegistry()
        dispatcher = DeliveryDispatcher(configuration: configuration, httpClient: HTTPClient(), logger: TestServices.logger, metrics: metrics)
        worker = Worker(
            configuration: WorkerConfiguration(queue: queue, prefetch: 16, concurrency: 4, retryPolicy: RetryPolicy(maxAttempts: 3)),
            connection: connection,
            handler: NotifyHandler(tenants: tenants, redis: redis, dispatcher: dispatcher, alertThresholds: AlertThresholds()),
            jobs: nil, logger: TestServices.logger, metrics: WorkerMetrics(registry: metrics)
        )
        running = Task { [worker] in try await worker.run() }
    }

    /// Runs `body` on a new fixture and tears it down whether the body passed or not.
    static func run(
        retry: WebhookRetrySchedule = WebhookRetrySchedule(firstDelay: .milliseconds(200), maximumDelay: .seconds(1)),
        _ body: (NotifyFixture) async throws -> Void
    ) async throws {
        let fixture = try await NotifyFixture(retry: retry)
        do {
            try await body(fixture)
        } catch {
            await fixture.tearDown()
            throw error
        }
        await fixture.tearDown()
    }

    static func email(_ user: UUID) -> String { "\(user.uuidString.lowercased())@example.com" }

    /// A dispatch loop over this tenant only, as the worker runs it.
    func dispatchLoop() -> DispatchLoop {
        DispatchLoop(
            tenants: tenants, activeTenants: { [slug] in [slug] }, dispatcher: dispatcher, redis: redis, configuration: configuration,
            logger: TestServices.logger
        )
    }

    @discardableResult
    func send<Message: MeshMessage>(_ message: Message) async throws -> String {
        try await MeshPublisher(connection: connection, appID: "notify-tests")
            .publish(message, exchange: "", routingKey: queue, tenant: slug, trace: .random())
    }

    /// Publishes a body with a chosen message id, as a broker redelivery or a publisher retry would.
    func publish(body: [UInt8], type: String, messageID: String) async throws {
        try await connection.publish(exchange: "", routingKey: queue, body: body, properties: AMQPProperties(
            contentType: "application/json", headers: [MeshHeader.tenant: .string(slug), MeshHeader.attempt: .int32(1)],
            deliveryMode: .persistent, messageId: messageID, type: type
        ), mandatory: true)
    }

    func count(_ sql: String) async throws -> Int {
        try await pool.query(PostgresQuery(unsafeSQL: sql)).decode((Int).self)[0]
    }

    func tearDown() async {
        await worker.stop()
        _ = await running.result
        _ = try? await connection.deleteQueue(name: queue)
        _ = try? await connection.deleteQueue(name: queue + ".dead")
        await connection.close()
        await redis.close()
        await tenants.close()
        try? await provisioner.abandon(slug)
        await controlPlane.close()
    }
}
