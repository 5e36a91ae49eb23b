// The scheduler worker: consumes fieldops.scheduler (schedule.* commands, technician.absent and
// intervention.urgent events) and plans tenants' days (Sources/Planning).
import FieldOpsCore
import Planning
import Redis
import WorkerHost

#if canImport(Glibc)
import Glibc
#endif

let environment = Environment.process()
// Another queue than the topology's only for isolated runs (tests, a tenant's dedicated scheduler).
let queue = environment.string("FIELDOPS_SCHEDULER_QUEUE", default: "fieldops.scheduler")
let exitCode = await WorkerHost.run(name: "scheduler", queue: queue, environment: environment) { resources in
    let configuration = try SchedulerConfiguration(environment: environment)
    return SchedulerHandler(
        scheduler: DayScheduler(configuration: configuration, redis: RedisPool(configuration: configuration.redis, logger: resources.logger)),
        tenants: resources.tenants, broker: resources.broker
    )
}
exit(exitCode)
