#if canImport(Glibc)
import Glibc
#endif
import GPSWorker
import WorkerHost

/// The GPS worker: consumes the position shards (`FIELDOPS_GPS_SHARDS`) in ordered batches, stores
/// them in each tenant's database, keeps the live map in Redis and publishes derived events.
exit(await WorkerHost.run(name: "gps-worker", queue: "fieldops.gps") { resources in
    try GPSWorkerService(resources: resources)
})
