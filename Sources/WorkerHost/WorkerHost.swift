import AMQP
import FieldOpsCore
import HTTPServer
import Jobs
import Mesh
import Postgres
import Telemetry
import Tenancy
import TraceExport

/// What a worker's handler may use, opened by the host before the handler is made.
public struct WorkerResources: Sendable {
    public let logger: Logger
    public let metrics: MetricsRegistry
    public let controlPlane: PostgresPool
    /// Each tenant's database, by slug (`MessageContext.tenant`).
    public let tenants: TenantDatabases
    public let broker: AMQPConnection
    public let environment: Environment
    public let tracer: Tracer
}

/// What a worker process runs once the broker is reached: consumes until `stop()`, then returns
/// from `run()` once what it took is settled. `Worker` is one; a service with its own consuming
/// pattern (the GPS shards' batches) is another.
public protocol ConsumerService: Sendable {
    func run() async throws
    func stop() async
}

extension Worker: ConsumerService {}

/// The process around a `Worker`: configuration, the admin port (`/healthz`, `/readyz`,
/// `/metrics`), the broker connection, and graceful shutdown — on SIGTERM or SIGINT the consumer
/// is cancelled, in-flight messages finish and are acknowledged within the grace period, then
/// everything closes in reverse order and the process exits 0.
public enum WorkerHost {
    public static func run<Handler: MessageHandler>(
        name: String, queue: String, environment: Environment = .process(),
        makeHandler: @escaping @Sendable (WorkerResources) async throws -> Handler
    ) async -> Int32 {
        await host(name: name, queue: queue, environment: environment) { resources, worker in
            Worker(
                configuration: worker, connection: resources.broker, handler: try await makeHandler(resources),
                jobs: JobStore(pool: resources.controlPlane), logger: resources.logger, metrics: WorkerMetrics(registry: resources.metrics),
                tracer: resources.tracer
            )
        }
    }

    /// Runs a service of its own in the same process frame (admin port, broker wait, SIGTERM drain
    /// within `FIELDOPS_WORKER_SHUTDOWN_GRACE_MS`). `queue` names the process in its configuration.
    public static func run(
        name: String, queue: String, environment: Environment = .process(),
        makeService: @escaping @Sendable (WorkerResources) async throws -> any ConsumerService
    ) async -> Int32 {
        await host(name: name, queue: queue, environment: environment) { resources, _ in try await makeService(resources) }
    }

    private static func host(
        name: String, queue: String, environment: Environment,
        makeService: @escaping @Sendable (WorkerResources, WorkerConfiguration) async throws -> any ConsumerService
    ) async -> Int32 {
        let configuration: WorkerHostConfiguration
        do {
            configuration = try WorkerHostConfiguration(queue: queue, name: name, environment: environment)
        } catch {
            Logger(label: name).critical("invalid configuration", ["error": "\(error)"])
            return 2
        }
        let logger = Logger(label: name, level: configuration.logLevel)
        let metrics = MetricsRegistry()
        let tracing: Tracing
        do {
            tracing = try Tracing(environment: environment, serviceName: name, logger: logger)
        } catch {
            logger.critical("invalid tracing configuration", ["error": "\(error)"])
            return 2
        }
        let signals = TerminationSignals()
        let controlPlane = PostgresPool(configuration: configuration.controlPlane, logger: logger)
        let tenants = TenantDatabases(controlPlane: controlPlane, configuration: configuration.tenancy, logger: logger)
        let broker = BrokerLink(configuration: configuration.amqp, logger: logger)

        var router = Router()
        router.addOperationalRoutes(metrics: metrics, readiness: [
            ReadinessCheck(name: "rabbitmq") { broker.isReady },
            ReadinessCheck(name: "postgres") { (try? await controlPlane.query("SELECT 1")) != nil },
        ])
        let admin = HTTPServer(configuration: configuration.admin, router: router, logger: logger, metrics: metrics)
        do {
            try admin.start()
        } catch {
            logger.critical("admin port failed to start", ["error": error.description])
            return 1
        }

        let exitCode = await serve(
            configuration: configuration, logger: logger, metrics: metrics, tracer: tracing.tracer, signals: signals,
            controlPlane: controlPlane, tenants: tenants, broker: broker, environment: environment, makeService: makeService
        )
        await admin.shutdown(gracePeriod: .seconds(1))
        await broker.close()
        await tenants.close()
        await controlPlane.close()
        await tracing.shutdown()
        logger.info("stopped", ["exit_code": "\(exitCode)"])
        return exitCode
    }

    private static func connecting(_ broker: BrokerLink) async -> Event {
        do {
            return .connected(try await broker.connect())
        } catch {
            return .ended(.failure(error))
        }
    }

    private enum Event: Sendable {
        case signal(String)
        case connected(AMQPConnection)
        case ended(Result<Void, any Error>)
        case graceOver
    }

    private static func serve(
        configuration: WorkerHostConfiguration, logger: Logger, metrics: MetricsRegistry, tracer: Tracer, signals: TerminationSignals,
        controlPlane: PostgresPool, tenants: TenantDatabases, broker: BrokerLink, environment: Environment,
        makeService: @Sendable (WorkerResources, WorkerConfiguration) async throws -> any ConsumerService
    ) async -> Int32 {
        let signal = Task { await signals.next() }

        // The broker may still be starting: wait for it, unless told to stop first.
        let connection: AMQPConnection
        switch await firstOf([{ .signal(await signal.value) }, { await connecting(broker) }] as [@Sendable () async -> Event]) {
        case .connected(let established):
            connection = established
        case .signal(let name):
            logger.info("stopping before the broker was reached", ["signal": name])
            return 0
        case .ended, .graceOver:
            return 1
        }

        let worker: any ConsumerService
        do {
            worker = try await makeService(WorkerResources(
                logger: logger, metrics: metrics, controlPlane: controlPlane, tenants: tenants, broker: connection, environment: environment,
                tracer: tracer
            ), configuration.worker)
        } catch {
            logger.critical("handler could not start", ["error": "\(error)"])
            return 1
        }
        let running = Task { try await worker.run() }

        switch await firstOf([{ .signal(await signal.value) }, { .ended(await running.result) }] as [@Sendable () async -> Event]) {
        case .signal(let name):
            let grace = configuration.worker.shutdownGracePeriod
            logger.info("stopping", ["signal": name, "grace_ms": "\(grace.wholeMilliseconds)"])
            await worker.stop()
            let drained = await firstOf([{ .ended(await running.result) }, {
                try? await Task.sleep(for: grace)
                return .graceOver
            }] as [@Sendable () async -> Event])
            if case .graceOver = drained {
                logger.error("grace period over with messages in flight; the broker will redeliver them")
            }
            return 0
        case .ended(let result):
            logger.critical("the consumer ended on its own", ["error": "\(result)"])
            return 1
        case .connected, .graceOver:
            return 1
        }
    }
}
