// The Swift side of scripts/bench/notify.sh: notifications per second through the notify worker's
// whole path. A scratch tenant (one active user, one webhook endpoint) is provisioned, COUNT
// notify.send commands are published to a scratch quorum queue, and the handler consumes them:
// inbox transaction, in-app entry and live push, then one e-mail to the SMTP sink and one signed
// webhook to the receiver per command. The clock stops when all 2 × COUNT deliveries are recorded
// as delivered in the tenant database.
//
// Prints "ours <notifications/s> <seconds>". The tenant and the queue are removed on the way out.
//
//   NotifyBench COUNT SMTP_PORT WEBHOOK_URL      (services from scripts/env.sh's variables)
#if canImport(Glibc)
import Glibc
#endif
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

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[1]), count > 0, let smtpPort = Int(arguments[2]) else {
    print("usage: NotifyBench COUNT SMTP_PORT WEBHOOK_URL")
    exit(2)
}
let webhookURL = arguments[3]
let environment = Environment.process()
let logger = Logger(label: "notify-bench", level: .error)
let slug = "bench-notify-\(getpid())"
let queue = "bench.notify.\(getpid())"

let controlPlane = PostgresPool(configuration: try PostgresConfiguration(environment: environment), logger: logger)
let tenancy = try TenancyConfiguration(environment: environment)
let provisioner = try TenantProvisioner(controlPlane: controlPlane, configuration: tenancy, logger: logger)
let tenants = TenantDatabases(controlPlane: controlPlane, configuration: tenancy, logger: logger)
let amqp = try AMQPConfiguration(environment: environment, connectionName: "notify-bench")
let connection = try await AMQPConnection.connect(configuration: amqp, logger: logger)
let redis = RedisPool(configuration: try RedisConfiguration(environment: environment), logger: logger)

func run() async throws -> Duration {
    _ = try await provisioner.provision(slug: slug, name: "Notify bench", sector: "btp", adminEmail: "admin@bench.example")
    let pool = try await tenants.pool(for: slug)
    let user = UUID()
    try await pool.query("""
        INSERT INTO users (id, email, role, status, password_hash, display_name, locale)
        VALUES (\(user), 'bench@example.com', 'technician', 'active', 'not-a-login', 'Bench', 'fr')
        """)
    _ = try await WebhookEndpointStore().create(url: webhookURL, description: "bench", eventTypes: ["message"], on: pool)
    try await connection.declareQueue(name: queue, arguments: ["x-queue-type": "quorum"])

    let configuration = NotifyWorkerConfiguration(
        smtp: SMTPConfiguration(host: "127.0.0.1", port: smtpPort, from: try MailAddress("notify@bench.example"), maxIdleConnections: 16),
        redis: redis.configuration
    )
    let metrics = MetricsRegistry()
    let dispatcher = DeliveryDispatcher(configuration: configuration, httpClient: HTTPClient(), logger: logger, metrics: metrics)
    let worker = Worker(
        configuration: WorkerConfiguration(queue: queue, prefetch: 256, concurrency: 64),
        connection: connection, handler: NotifyHandler(tenants: tenants, redis: redis, dispatcher: dispatcher, alertThresholds: AlertThresholds()),
        jobs: nil, logger: logger, metrics: WorkerMetrics(registry: metrics)
    )

    let body = Array(try JSONEncoder().encode(NotifySendCommand(
        eventType: NotificationEventType.message, userIDs: [user.uuidString],
        values: ["title": "Intervention planifiée", "body": "Chantier Gare Nord, demain 8 h : raccordement du tableau TGBT."]
    )))
    let started = ContinuousClock.now
    let running = Task { try await worker.run() }
    for batch in stride(from: 0, to: count, by: 1000) {
        try await connection.publishBatch((batch..<min(count, batch + 1000)).map { _ in
            AMQPOutgoingMessage(exchange: "", routingKey: queue, body: body, properties: AMQPProperties(
                contentType: "application/json", headers: [MeshHeader.tenant: .string(slug), MeshHeader.attempt: .int32(1)],
                deliveryMode: .persistent, messageId: UUID().uuidString, type: NotifySendCommand.type
            ))
        })
    }
    let deadline = ContinuousClock.now + .seconds(90)
    while try await pool.query("SELECT count(*)::int8 FROM notification_deliveries WHERE status = 'delivered'").decode((Int).self)[0] < 2 * count {
        guard ContinuousClock.now < deadline else { throw BenchFailure(description: "not all deliveries were made within 90 s") }
        try await Task.sleep(for: .milliseconds(20))
    }
    let elapsed = ContinuousClock.now - started
    await worker.stop()
    _ = await running.result
    return elapsed
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
}

let outcome: Result<Duration, any Error>
do {
    outcome = .success(try await run())
} catch {
    outcome = .failure(error)
}
_ = try? await connection.deleteQueue(name: queue)
await connection.close()
await tenants.close()
try? await provisioner.abandon(slug)
await controlPlane.close()
await redis.close()
switch outcome {
case .success(let elapsed):
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("ours \(Int(Double(count) / seconds)) \(String(format: "%.2f", seconds))")
case .failure(let error):
    print("NotifyBench failed: \(error)")
    exit(1)
}
