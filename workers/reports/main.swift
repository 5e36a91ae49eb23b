// The reports worker: renders `report.render.v1` commands from fieldops.reports into PDF, XLSX or
// CSV files in the blob store. Wiring only; the logic is in ReportsWorker.
import Commands
import FieldOpsCore
import Mesh
import ReportsWorker
import WorkerHost

#if canImport(Glibc)
import Glibc
#endif

let environment = Environment.process()
let exitCode = await WorkerHost.run(name: "reports-worker", queue: environment.string("FIELDOPS_REPORTS_QUEUE", default: "fieldops.reports"), environment: environment) { resources in
    let configuration = try ReportsWorkerConfiguration(environment: environment)
    let publisher = MeshPublisher(connection: resources.broker, appID: "reports-worker")
    return ReportRenderHandler(
        tenants: resources.tenants, controlPlane: resources.controlPlane, blobs: configuration.blobs.makeStore(), configuration: configuration
    ) { event, tenant, trace in
        try await publisher.publish(
            event, exchange: MeshExchange.events, routingKey: ReportReadyEvent.routingKey, tenant: tenant, messageID: event.messageID, trace: trace
        )
    }
}
exit(exitCode)
