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
let exitCode = await WorkerHost.run(name: "scheduler", queue: "fieldops.scheduler", environment: environment) { resources in
    let configuration = try SchedulerConfiguration(environment: environment)
    return SchedulerHandler(
        scheduler: DayScheduler(configuration: configuration, redis: RedisPool(configuration: configuration.redis, logger: resources.logger)),
        tenants: resources.tenants, broker: resources.broker
    )
}
exit(exitCode)
