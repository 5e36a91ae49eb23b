import AMQP
import BlobStore
import Commands
import FieldOpsCore
import FieldOpsCrypto
import Foundation
import Jobs
import Mesh
import PhotoProcessing
import PhotoTestSupport
import PhotoWorker
import Postgres
import Telemetry
import Tenancy
import TestSupport
import Testing

/// The handler run by the real worker runtime on a private queue wired like fieldops.photo, against
/// the tenant schema in the test database, a filesystem blob store and the real broker.
@Suite("Photo worker")
struct PhotoWatermarkWorkerTests {
    @Test("a photo is stamped and its evidence recorded once; bad uploads are parked with their reason and the worker goes on")
    func photosAreProcessedAndBadOnesParked() async throws {
        let fixture = try await PhotoWorkerFixture()
        do {
            // Declared 09:30 Paris time, EXIF says 11:30 (no offset: read in the site's zone), 2.1 km north of the site.
            let good = try await fixture.upload(
                try TestImages.markedJPEG(width: 1600, height: 1200, captureTime: "2026:12:04 11:30:00"),
                declared: Date(timeIntervalSince1970: 1_796_373_000), latitude: 48.90, longitude: 2.3553
            )
            let text = try await fixture.upload(Array("plain text named photo.jpg".utf8))
            let whole = try TestImages.markedJPEG(width: 800, height: 600)
            let truncated = try await fixture.upload(Array(whole.prefix(whole.count / 2)))

            let worker = fixture.worker()
            let running = Task { try await worker.run() }
            let goodMessage = try await fixture.send(good)
            for photo in [text, truncated] { try await fixture.send(photo) }

            try await eventually(timeout: .seconds(60)) { try await fixture.status(of: good) == "processed" }
            let row = try await fixture.pool.query("""
                SELECT width, height, capture_time_mismatch, outside_geofence, distance_m, watermarked_sha256, thumbnail_key, processed_at
                FROM photos WHERE id = \(good)
                """)[0]
            let (width, height, mismatch, outside, distance, sha256, thumbnailKey, processedAt) =
                try row.decode((Int, Int, Bool?, Bool?, Double?, String, String, Date).self)
            #expect((width, height) == (1600, 1200))
            #expect(mismatch == true && outside == true)
            #expect(abs(distance! - 2_124) < 10)
            let watermarked = try await fixture.blobs.get(BlobKey("\(fixture.tenant)/photos/\(fixture.interventionID)/\(good.uuidString.lowercased())/watermarked.jpg"))
            #expect(SHA256.hex(watermarked) == sha256)
            #expect(try TestImages.decode(try await fixture.blobs.get(BlobKey(thumbnailKey))).width == 400)

            let parked = try await fixture.connection.take(2, from: fixture.queue + ".dead")
            let reasons = parked.compactMap { delivery -> String? in
                if case .string(let reason) = delivery.properties.headers?[MeshHeader.parkReason] { return reason }
                return nil
            }
            #expect(reasons.contains { $0.contains("unsupportedFormat") }, "\(reasons)")
            #expect(reasons.contains { $0.contains("corrupt") }, "\(reasons)")
            for photo in [text, truncated] {
                #expect(try await fixture.status(of: photo) == "failed")
            }

            // The same message again (a redelivery after a lost ack): nothing changes, the event goes out again.
            try await fixture.send(good, messageID: goodMessage)
            let events = try await fixture.connection.take(2, from: fixture.eventsQueue)
            #expect(events.allSatisfy { $0.properties.type == PhotoProcessedEvent.type })
            let event = try JSONDecoder().decode(PhotoProcessedEvent.self, from: Data(events[0].body))
            #expect(event.photoID == good.uuidString.lowercased() && event.watermarkedSHA256 == sha256)
            let again = try await fixture.pool.query("SELECT processed_at FROM photos WHERE id = \(good)").decode(Date.self)[0]
            #expect(again == processedAt)
            let metered = try await fixture.usage()
            #expect(metered.photos == 1, "counted once, not again on the redelivery")
            #expect(metered.bytes > watermarked.count)

            await worker.stop()
            _ = await running.result
        } catch {
            await fixture.tearDown()
            throw error
        }
        await fixture.tearDown()
    }
}

/// A site, an intervention and uploads in the test database's tenant schema; a private work queue
/// (quorum, parking through fieldops.dead) and a queue catching `photo.processed` events.
final class PhotoWorkerFixture: Sendable {
    let tenant = TestServices.uniqueName("photos")
    let queue = TestServices.uniqueName("photo-test")
    let eventsQueue = TestServices.uniqueName("photo-events")
    let blobRoot = NSTemporaryDirectory() + "photo-blobs-\(UUID().uuidString)"
    let connection: AMQPConnection
    let pool: PostgresPool
    let controlPool: PostgresPool
    let blobs: FileSystemBlobStore
    let interventionID: String

    init() async throws {
        connection = try await TestServices.amqpConnection(name: "photo-tests")
        pool = try await TestServices.tenantPool()
        controlPool = try await TestServices.controlPlanePool()
        blobs = FileSystemBlobStore(root: blobRoot)
        _ = try await connection.declareQueue(name: queue, arguments: [
            "x-queue-type": "quorum", "x-delivery-limit": .int64(3), "x-dead-letter-exchange": .string(MeshExchange.dead),
            "x-dead-letter-routing-key": .string(queue), "x-dead-letter-strategy": "at-least-once", "x-overflow": "reject-publish",
        ])
        _ = try await connection.declareQueue(name: queue + ".dead", arguments: ["x-queue-type": "quorum"])
        try await connection.bindQueue(queue: queue + ".dead", exchange: MeshExchange.dead, routingKey: queue)
        _ = try await connection.declareQueue(name: eventsQueue, durable: false, autoDelete: true)
        try await connection.bindQueue(queue: eventsQueue, exchange: MeshExchange.events, routingKey: PhotoProcessedEvent.routingKey)

        // The tenant in the control plane, so its usage can be metered.
        try await controlPool.query("""
            INSERT INTO database_servers (name, host, port, admin_user) VALUES ('photo-tests', '127.0.0.1', 25432, 'fieldops')
            ON CONFLICT DO NOTHING
            """)
        try await controlPool.query("""
            INSERT INTO tenants (id, slug, name, sector, admin_email, server_name, database_name, role_name)
            VALUES (\(UUID()), \(tenant), 'Photo tests', 'btp', 'admin@example.com', 'photo-tests', \(tenant), \(tenant))
            """)
        try await pool.query("INSERT INTO work_types (code, label_fr, label_en) VALUES ('photo-test', 'Photo', 'Photo') ON CONFLICT DO NOTHING")
        let code = tenant
        let site = try await pool.query("""
            INSERT INTO sites (code, name, site_type, client_name, latitude, longitude, geofence, time_zone)
            VALUES (\(code), 'Gare du Nord', 'station', 'SNCF', 48.8809, 2.3553, '{"radius_m": 150}', 'Europe/Paris') RETURNING id::text
            """).decode(String.self)[0]
        let technician = try await pool.query("INSERT INTO technicians (full_name) VALUES ('Julie Martin') RETURNING id::text").decode(String.self)[0]
        interventionID = try await pool.query("""
            INSERT INTO interventions (site_id, work_type, title, estimated_minutes, assigned_technician_id)
            VALUES (\(site)::uuid, 'photo-test', 'Photo evidence', 30, \(technician)::uuid) RETURNING id::text
            """).decode(String.self)[0]
    }

    /// Stores the original and inserts its queued photo row, as the gateway does.
    func upload(_ bytes: [UInt8], declared: Date? = nil, latitude: Double? = nil, longitude: Double? = nil) async throws -> UUID {
        let id = UUID()
        let key = try BlobKey.contentAddressed(prefix: "\(tenant)/photos", sha256: SHA256.digest(bytes))
        if !bytes.isEmpty { _ = try await blobs.put(bytes: bytes, key: key, contentType: "application/octet-stream") }
        try await pool.query("""
            INSERT INTO photos (id, intervention_id, uploaded_by, content_type, size_bytes, original_key, original_sha256,
                                declared_capture_at, latitude, longitude, accuracy_m)
            VALUES (\(id), \(interventionID)::uuid, 'tests', 'image/jpeg', \(max(bytes.count, 1)), \(key.value), \(SHA256.hex(bytes)),
                    \(declared), \(latitude), \(longitude), \(latitude == nil ? nil : 8.0))
            """)
        return id
    }

    func worker() -> Worker<PhotoWatermarkHandler> {
        let handler = PhotoWatermarkHandler(
            configuration: PhotoWorkerConfiguration(processing: PhotoProcessingSettings(), blobStore: .filesystem(root: blobRoot)),
            blobs: blobs, tenantPool: { [pool] _ in pool }, events: MeshPublisher(connection: connection, appID: "photo-tests"),
            usage: TenantUsage(controlPlane: controlPool)
        )
        return Worker(
            configuration: WorkerConfiguration(queue: queue, prefetch: 4, concurrency: 2, retryPolicy: RetryPolicy(maxAttempts: 2)),
            connection: connection, handler: handler, jobs: JobStore(pool: controlPool), logger: TestServices.logger,
            metrics: WorkerMetrics(registry: MetricsRegistry()), tracer: .noop
        )
    }

    /// Publishes the command to the work queue; with `messageID`, as a redelivery of that message.
    @discardableResult
    func send(_ photo: UUID, messageID: String? = nil) async throws -> String {
        let command = PhotoWatermarkCommand(photoID: photo.uuidString.lowercased(), interventionID: interventionID)
        guard let messageID else {
            return try await MeshPublisher(connection: connection, appID: "photo-tests").publish(
                command, exchange: "", routingKey: queue, tenant: tenant, trace: .random()
            )
        }
        let properties = AMQPProperties(
            contentType: "application/json", headers: [MeshHeader.tenant: .string(tenant), MeshHeader.attempt: .int32(1)],
            deliveryMode: .persistent, messageId: messageID, type: PhotoWatermarkCommand.type, appId: "photo-tests"
        )
        try await connection.publish(exchange: "", routingKey: queue, body: Array(try JSONEncoder().encode(command)), properties: properties)
        return messageID
    }

    /// Photos and bytes metered for the tenant today.
    func usage() async throws -> (photos: Int, bytes: Int) {
        let rows = try await controlPool.query("""
            SELECT u.photos, u.storage_bytes FROM tenant_usage_daily u JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = \(tenant)
            """).decode((Int, Int).self)
        return rows.first.map { (photos: $0.0, bytes: $0.1) } ?? (0, 0)
    }

    func status(of photo: UUID) async throws -> String {
        try await pool.query("SELECT status FROM photos WHERE id = \(photo)").decode(String.self)[0]
    }

    func tearDown() async {
        _ = try? await connection.deleteQueue(name: queue)
        _ = try? await connection.deleteQueue(name: queue + ".dead")
        _ = try? await connection.deleteQueue(name: eventsQueue)
        _ = try? await controlPool.query("DELETE FROM tenants WHERE slug = \(tenant)")
        // Photo rows are audited, and the audit log is append-only: the rows stay, as in production.
        try? FileManager.default.removeItem(atPath: blobRoot)
        await connection.close()
        await pool.close()
        await controlPool.close()
    }
}
