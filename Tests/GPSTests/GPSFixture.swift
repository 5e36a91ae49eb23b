import AMQP
import FieldOpsCore
import Foundation
import GPS
import GPSIngest
import HTTPServer
import Mesh
import Postgres
import Telemetry
import Tenancy
import TestSupport
import Testing

/// A provisioned tenant with a registered tracker, a positions exchange and two shards of the test's
/// own (the real topology's shape under unique names), an events exchange with a queue collecting
/// every `gps.#` event, and GPS worker processes on them. Everything is removed afterwards.
final class GPSFixture {
    let prefix = TestServices.uniqueName("gpstest")
    let tenant = TestServices.uniqueName("gps")
    let device: String
    let environment: Environment
    let controlPlane: PostgresPool
    let tenants: TenantDatabases
    let provisioner: TenantProvisioner
    let connection: AMQPConnection
    let broker: BrokerLink
    var workers: [GPSWorkerProcess] = []
    /// The tracker's token for `POST /v1/gps/positions` and its MQTT login.
    var deviceCredentials: DeviceCredentials?
    var deviceToken: DeviceToken? { deviceCredentials?.token }
    let brokerAccounts: DeviceBrokerAccounts
    var registry: DeviceRegistry { DeviceRegistry(controlPlane: controlPlane, tenants: tenants, brokerAccounts: brokerAccounts) }
    /// Every device registered, whose broker users go at tear-down.
    private var devices: [String] = []

    var exchange: String { prefix + ".positions" }
    var shards: [String] { [prefix + ".shard.0", prefix + ".shard.1"] }
    var eventsExchange: String { prefix + ".events" }
    var eventsQueue: String { prefix + ".events" }

    private init() async throws {
        device = "van_" + prefix.suffix(8)
        var values = TestServices.environment.values
        values["FIELDOPS_POSTGRES_URL"] = TestServices.postgresURL
        values["FIELDOPS_TENANT_MIGRATIONS_DIR"] = TestServices.repositoryRoot.appendingPathComponent("migrations/tenant").path
        values["FIELDOPS_REFERENCE_DATA_DIR"] = TestServices.repositoryRoot.appendingPathComponent("reference-data").path
        values["FIELDOPS_TENANT_POOL_SIZE"] = "2"
        values["FIELDOPS_GPS_EXCHANGE"] = prefix + ".positions"
        values["FIELDOPS_GPS_SHARD_PREFIX"] = prefix + ".shard."
        values["FIELDOPS_GPS_SHARDS"] = "0-1"
        values["FIELDOPS_GPS_EVENTS_EXCHANGE"] = prefix + ".events"
        values["FIELDOPS_AMQP_MANAGEMENT_URL"] = values["FIELDOPS_AMQP_MANAGEMENT_URL"] ?? "http://fieldops:fieldops-local@127.0.0.1:25680"
        environment = Environment(values)
        controlPlane = try await TestServices.controlPlanePool()
        let tenancy = try TenancyConfiguration(environment: environment)
        tenants = TenantDatabases(controlPlane: controlPlane, configuration: tenancy, logger: TestServices.logger)
        provisioner = try TenantProvisioner(controlPlane: controlPlane, configuration: tenancy, logger: TestServices.logger)
        connection = try await TestServices.amqpConnection(name: "gps-tests")
        broker = BrokerLink(configuration: try AMQPConfiguration(url: TestServices.amqpURL), logger: TestServices.logger)
        brokerAccounts = try DeviceBrokerAccounts(environment: environment)
    }

    /// Runs `body` against a fresh fixture and tears it down whatever happened.
    static func run(_ body: (GPSFixture) async throws -> Void) async throws {
        let fixture = try await GPSFixture()
        let outcome: Result<Void, any Error>
        do {
            try await fixture.setUp()
            outcome = .success(try await body(fixture))
        } catch {
            outcome = .failure(error)
        }
        await fixture.tearDown()
        try outcome.get()
    }

    private func setUp() async throws {
        _ = try await provisioner.provision(slug: tenant, name: "GPS \(tenant)", sector: "btp", adminEmail: "admin@\(tenant).example", server: "pg-a")
        try await connection.declareExchange(name: exchange, type: .consistentHash)
        for shard in shards {
            try await connection.declareQueue(name: shard, arguments: ["x-queue-type": "quorum", "x-single-active-consumer": .bool(true)])
            try await connection.bindQueue(queue: shard, exchange: exchange, routingKey: "1")
        }
        try await connection.declareExchange(name: eventsExchange, type: .topic)
        try await connection.declareQueue(name: eventsQueue, arguments: ["x-queue-type": "quorum"])
        try await connection.bindQueue(queue: eventsQueue, exchange: eventsExchange, routingKey: "gps.#")
        try await broker.connect()
        deviceCredentials = try await registry.register(deviceID: device, tenant: tenant)
        devices.append(device)
    }

    private func tearDown() async {
        for worker in workers { try? await worker.stop() }
        for device in devices { try? await brokerAccounts.remove(deviceID: device, tenant: tenant) }
        for queue in shards + [eventsQueue] { _ = try? await connection.deleteQueue(name: queue) }
        for name in [exchange, eventsExchange] { try? await connection.deleteExchange(name: name) }
        await broker.close()
        await connection.close()
        await tenants.close()
        _ = try? await provisioner.abandon(tenant)
        await controlPlane.close()
    }

    @discardableResult
    func startWorker(overrides: [String: String] = [:]) throws -> GPSWorkerProcess {
        let worker = try GPSWorkerProcess(environment: environment.values.merging(overrides) { _, new in new })
        workers.append(worker)
        return worker
    }

    func tenantPool() async throws -> PostgresPool { try await tenants.pool(for: tenant) }

    /// The tenant's presence threshold; set before a worker reads the tenant's settings.
    func setOfflineAfter(seconds: Int) async throws {
        _ = try await tenantPool().query("UPDATE gps_settings SET offline_after_seconds = \(seconds)")
    }

    /// The kinds of the device's stored events, oldest first.
    func storedEventKinds() async throws -> [String] {
        try await tenantPool().query("SELECT kind FROM gps_events WHERE device_id = \(device) ORDER BY occurred_at, kind").decode(String.self)
    }

    /// Registers one more tracker for the tenant.
    @discardableResult
    func register(_ deviceID: String) async throws -> DeviceCredentials {
        devices.append(deviceID)
        return try await registry.register(deviceID: deviceID, tenant: tenant)
    }

    /// Publishes positions as the ingestion paths do, one confirmed message per batch.
    func publish(_ positions: [Position]) async throws {
        let publisher = MeshPublisher(connection: connection, appID: "gps-tests")
        let batch = PositionBatchMessage(deviceID: positions[0].deviceID, receivedAt: EpochClock.nowMilliseconds(), positions: positions)
        try await publisher.publish(batch, exchange: exchange, routingKey: batch.deviceID, tenant: tenant, trace: .random())
    }

    func storedCount(device: String? = nil) async throws -> Int {
        let pool = try await tenantPool()
        return try await pool.query("SELECT count(*) FROM positions WHERE device_id = \(device ?? self.device)").decode(Int.self)[0]
    }
}
