// The photo worker: consumes `photo.watermark.v1` and `signature.stamp.v1` from fieldops.photo (see PhotoQueueHandler).
import BlobStore
import FieldOpsCore
import Mesh
import PhotoProcessing
import PhotoWorker
import Tenancy
import WorkerHost

#if canImport(Glibc)
import Glibc
#endif

DecodedImageMemory.reuseFreedBlocks()
let environment = Environment.process()
let exitCode = await WorkerHost.run(name: "photo-worker", queue: "fieldops.photo", environment: environment) { resources in
    let configuration = try PhotoWorkerConfiguration(environment: environment)
    return PhotoQueueHandler(
        configuration: configuration, blobs: configuration.blobStore.makeStore(), tenantPool: resources.tenants.pool(for:),
        events: MeshPublisher(connection: resources.broker, appID: "photo-worker"),
        usage: TenantUsage(controlPlane: resources.controlPlane)
    )
}
exit(exitCode)
