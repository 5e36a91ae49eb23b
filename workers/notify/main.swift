// The notify worker: consumes fieldops.notify (notify.send, notify.alerts.evaluate and the domain
// events bound in topology/definitions.json) and sends email, SMS, webhooks and in-app notifications.
import FieldOpsCore
import HTTPClient
import NotifyWorker
import Redis
import WorkerHost

#if canImport(Glibc)
import Glibc
#endif

let environment = Environment.process()
let exitCode = await WorkerHost.run(name: "notify-worker", queue: "fieldops.notify", environment: environment) { resources in
    let configuration = try NotifyWorkerConfiguration(environment: environment)
    let redis = RedisPool(configuration: configuration.redis, logger: resources.logger)
    let dispatcher = DeliveryDispatcher(
        configuration: configuration, httpClient: HTTPClient(), logger: resources.logger, metrics: resources.metrics
    )
    let loop = DispatchLoop(
        tenants: resources.tenants, activeTenants: DispatchLoop.controlPlaneTenants(resources.controlPlane), dispatcher: dispatcher,
        redis: redis, configuration: configuration, logger: resources.logger
    )
    // Lives as long as the process: what a stop interrupts is claimed and retried after its lease.
    Task { await loop.run() }
    return NotifyHandler(tenants: resources.tenants, redis: redis, dispatcher: dispatcher, alertThresholds: configuration.alertThresholds)
}
exit(exitCode)
