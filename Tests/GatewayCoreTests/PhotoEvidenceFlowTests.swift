import AMQP
import BlobStore
import Commands
import FieldOpsCore
import FieldOpsCrypto
import Foundation
import HTTPClient
import Identity
import Jobs
import Mesh
import PhotoProcessing
import PhotoTestSupport
import PhotoWorker
import Telemetry
import Tenancy
import TestSupport
import Testing

/// From the API to the stamped file: a real gateway over provisioned tenants and a filesystem blob
/// store, and the photo worker's handler run by the real worker runtime on a private queue.
@Suite("Photo evidence flow")
struct PhotoEvidenceFlowTests {
    @Test("each tenant's privacy setting decides whether the watermarked photo keeps its EXIF; the evidence keeps GPS either way")
    func exifFollowsTheTenantsPrivacySetting() async throws {
        let flow = try await EvidenceFlow()
        do {
            let keeping = try await flow.intervention(of: flow.gateway.tenant)
            let stripping = try await flow.intervention(of: flow.other)
            let settings = "/v1/settings/photos"
            let admin = flow.gateway.token(role: .tenantAdmin)
            let initial = try flow.gateway.json(try await flow.gateway.request("GET", settings, token: admin))
            #expect(initial["keep_exif"] as? Bool == false, "stripping is the default")
            #expect(try await flow.gateway.request("PUT", settings, token: flow.gateway.token(role: .technician), body: #"{"keep_exif":true}"#).status == 403)
            #expect(try await flow.gateway.request("PUT", settings, token: admin, body: #"{"keep":true}"#).status == 400)
            let changed = try await flow.gateway.request("PUT", settings, token: admin, body: #"{"keep_exif":true}"#)
            #expect(changed.status == 200)
            #expect(try flow.gateway.json(changed)["keep_exif"] as? Bool == true)
            let otherAdmin = flow.gateway.token(role: .tenantAdmin, tenant: flow.other)
            #expect(try flow.gateway.json(try await flow.gateway.request("GET", settings, token: otherAdmin))["keep_exif"] as? Bool == false)

            let photo = try TestImages.markedJPEG(width: 800, height: 600, captureTime: "2026:12:04 09:30:00")
            let query = "?captured_at=2026-12-04T09:30:00%2B01:00&latitude=48.8809&longitude=2.3553&accuracy_m=8"
            var uploaded: [(tenant: String, intervention: String, photo: String)] = []
            for (tenant, intervention) in [(flow.gateway.tenant, keeping), (flow.other, stripping)] {
                let response = try await flow.post("/v1/interventions/\(intervention)/photos" + query, tenant: tenant, body: photo)
                #expect(response.status == 202, "\(response.bodyText)")
                uploaded.append((tenant, intervention, try #require(try flow.gateway.json(response)["id"] as? String)))
            }
            let worker = flow.worker()
            let running = Task { try await worker.run() }
            for upload in uploaded {
                try await flow.send(PhotoWatermarkCommand(photoID: upload.photo, interventionID: upload.intervention), tenant: upload.tenant)
            }

            var exifKept: [Bool] = []
            for upload in uploaded {
                let pool = try await flow.gateway.services.tenants.pool(for: upload.tenant)
                try await eventually(timeout: .seconds(60)) {
                    try await pool.query("SELECT status FROM photos WHERE id = \(UUID(uuidString: upload.photo))").decode(String.self).first == "processed"
                }
                let (key, latitude, exifAt) = try await pool.query("""
                    SELECT watermarked_key, latitude, exif_capture_at FROM photos WHERE id = \(UUID(uuidString: upload.photo))
                    """).decode((String, Double?, Date?).self)[0]
                #expect(latitude == 48.8809 && exifAt != nil, "GPS and the EXIF capture time stay in the evidence record")
                let watermarked = try await flow.blobs.get(BlobKey(key))
                exifKept.append(try TestImages.field("exif-ifd2-DateTimeOriginal", of: watermarked) != nil)
            }
            #expect(exifKept == [true, false], "kept for the tenant that chose so, stripped for the other")
            await worker.stop()
            _ = await running.result
        } catch {
            await flow.tearDown()
            throw error
        }
        await flow.tearDown()
    }

    @Test("a signature image is stamped under the handwriting, hashed, shown with signed URLs, and given only once")
    func signatureImagesAreStampedOnce() async throws {
        let flow = try await EvidenceFlow()
        do {
            let intervention = try await flow.intervention(of: flow.gateway.tenant)
            let theirs = try await flow.intervention(of: flow.other)
            let token = flow.gateway.token(role: .technician)
            let signed = try await flow.gateway.request("POST", "/v1/interventions/\(intervention)/signatures", token: token, body: """
                {"signer_name": "Claire Dupont", "signer_role": "client", "strokes": [[[0, 0], [12, 4], [30, 2]]], "latitude": 48.8809, "longitude": 2.3553}
                """)
            #expect(signed.status == 201, "\(signed.bodyText)")
            let signature = try #require(try flow.gateway.json(signed)["id"] as? String)
            let path = "/v1/interventions/\(intervention)/signatures/\(signature)/image"

            // Dark ink on a transparent pad, 480×160.
            let ink = try TestImages.png(width: 480, height: 160, bands: 4) { x, y in
                abs(y - 80 - Int(30 * sin(Double(x) / 40))) < 4 ? [20, 20, 90, 255] : [0, 0, 0, 0]
            }
            #expect(try await flow.post(path, tenant: flow.gateway.tenant, body: Array("not an image".utf8)).status == 415)
            #expect(try await flow.post(path, tenant: flow.gateway.tenant, body: ink + [UInt8](repeating: 0, count: EvidenceFlow.maxBytes)).status == 413)
            let bomb = try await flow.post(path, tenant: flow.gateway.tenant, body: PhotoRoutesTests.bomb)
            #expect(bomb.status == 422 && bomb.bodyText.contains("20000×20000"))
            #expect(try await flow.post(path, tenant: flow.other, body: ink).status == 404, "another tenant does not see the signature")
            #expect(try await flow.post("/v1/interventions/\(theirs)/signatures/\(signature)/image", tenant: flow.gateway.tenant, body: ink).status == 404)
            let accepted = try await flow.post(path, tenant: flow.gateway.tenant, body: ink)
            #expect(accepted.status == 202, "\(accepted.bodyText)")
            let body = try flow.gateway.json(accepted)
            #expect(body["original_sha256"] as? String == SHA256.hex(ink) && body["format"] as? String == "png")
            let again = try await flow.post(path, tenant: flow.gateway.tenant, body: try TestImages.markedJPEG(width: 300, height: 100))
            #expect(again.status == 409, "a signature is immutable: \(again.bodyText)")

            let worker = flow.worker()
            let running = Task { try await worker.run() }
            let command = SignatureStampCommand(signatureID: signature, interventionID: intervention)
            let messageID = try await flow.send(command, tenant: flow.gateway.tenant)
            let pool = try await flow.gateway.services.tenants.pool(for: flow.gateway.tenant)
            try await eventually(timeout: .seconds(60)) {
                try await pool.query("SELECT status FROM signature_images WHERE signature_id = \(UUID(uuidString: signature))").decode(String.self).first == "processed"
            }
            let (stampedKey, stampedSHA256, processedAt) = try await pool.query("""
                SELECT stamped_key, stamped_sha256, processed_at FROM signature_images WHERE signature_id = \(UUID(uuidString: signature))
                """).decode((String, String, Date).self)[0]
            let stamped = try await flow.blobs.get(BlobKey(stampedKey))
            #expect(SHA256.hex(stamped) == stampedSHA256)

            // The handwriting above the band is the flattened input; the band below it is dark with light text.
            let lines = Array(repeating: "x", count: 4)
            let padding = SignatureCanvas.paddingHeight(width: 480, height: 160, lines: lines, bandHeightRatio: PhotoProcessingSettings().bandHeightRatio)
            let output = try TestImages.decode(stamped)
            #expect((output.width, output.height) == (480, 160 + padding))
            let flattened = try TestImages.decode(try SignatureCanvas.prepare(ink, lines: lines, settings: PhotoProcessingSettings()))
            let handwriting = PixelRect(x: 0, y: 0, width: 480, height: 160)
            let band = PixelRect(x: 0, y: 160, width: 480, height: padding)
            #expect(abs(output.mean(handwriting) - flattened.mean(handwriting)) < 4, "the handwriting is not covered")
            #expect(output.share(PixelRect(x: 0, y: 0, width: 480, height: 40), above: 240) > 0.95, "transparency became white")
            #expect(flattened.mean(band) > 250 && output.mean(band) < 0.5 * flattened.mean(band), "the band is stamped where the paper was blank")
            let text = output.share(band, above: 200)
            #expect(text > 0.01 && text < 0.5, "light text covers part of the band: \(text)")

            // A redelivery changes nothing.
            try await flow.send(command, tenant: flow.gateway.tenant, messageID: messageID)
            try await Task.sleep(for: .seconds(2))
            let after = try await pool.query("SELECT processed_at FROM signature_images WHERE signature_id = \(UUID(uuidString: signature))").decode(Date.self)[0]
            #expect(after == processedAt)

            let listed = try flow.gateway.json(try await flow.gateway.request("GET", "/v1/interventions/\(intervention)/signatures", token: token))
            let entry = try #require((listed["signatures"] as? [[String: Any]])?.first)
            #expect(entry["id"] as? String == signature && (entry["summary_sha256"] as? String)?.count == 64)
            let image = try #require(entry["image"] as? [String: Any])
            #expect(image["status"] as? String == "processed" && image["stamped_sha256"] as? String == stampedSHA256)
            let link = try #require((image["urls"] as? [String: Any])?["stamped"] as? String)
            let served = try await flow.gateway.request("GET", link)
            #expect(served.status == 200 && served.body == stamped)
            #expect(try await flow.gateway.request("GET", "/v1/interventions/\(theirs)/signatures", token: token).status == 404)
            await worker.stop()
            _ = await running.result
        } catch {
            await flow.tearDown()
            throw error
        }
        await flow.tearDown()
    }
}

/// Two provisioned tenants behind one gateway (filesystem blob store), a private work queue with
/// fieldops.photo's arguments, and the photo worker's handler over the gateway's tenant registry.
final class EvidenceFlow: Sendable {
    static let maxBytes = 300_000
    let root = NSTemporaryDirectory() + "evidence-blobs-\(UUID().uuidString)"
    let other = TestServices.uniqueName("other")
    let queue = TestServices.uniqueName("evidence")
    let gateway: GatewayHarness
    let provisioner: TenantProvisioner
    let connection: AMQPConnection
    let blobs: FileSystemBlobStore

    init() async throws {
        gateway = try await GatewayHarness(overrides: [
            "FIELDOPS_BLOB_STORE": "filesystem", "FIELDOPS_BLOB_ROOT": root, "FIELDOPS_PHOTO_MAX_BYTES": "\(Self.maxBytes)",
        ])
        provisioner = try TenantProvisioner(controlPlane: gateway.services.postgres, configuration: gateway.configuration.tenancy, logger: TestServices.logger)
        blobs = FileSystemBlobStore(root: root)
        connection = try await TestServices.amqpConnection(name: "evidence-tests")
        _ = try await connection.declareQueue(name: queue, arguments: [
            "x-queue-type": "quorum", "x-delivery-limit": .int64(3), "x-dead-letter-exchange": .string(MeshExchange.dead),
            "x-dead-letter-routing-key": .string(queue),
        ])
        // Commands reach this queue only through `send`, never through a binding on fieldops.commands:
        // such a binding would also bring this worker the commands of every other test's gateway,
        // whose tenants it can resolve but whose files are not in its blob store, and it would fail
        // them before their own test's worker could stamp them.
    }

    func intervention(of tenant: String) async throws -> String {
        try await PhotoRoutesTests.intervention(of: tenant, provisioner: provisioner, gateway: gateway)
    }

    /// A raw image body as a technician of `tenant` sends it.
    func post(_ path: String, tenant: String, body: [UInt8]) async throws -> HTTPClientResponse {
        let token = gateway.token(role: .technician, tenant: tenant)
        return try await gateway.client.execute(HTTPClientRequest(
            method: "POST", url: gateway.baseURL + path, headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/octet-stream")], body: body
        ))
    }

    func worker() -> Worker<PhotoQueueHandler> {
        let handler = PhotoQueueHandler(
            configuration: PhotoWorkerConfiguration(processing: PhotoProcessingSettings(), blobStore: .filesystem(root: root)),
            blobs: blobs, tenantPool: { [gateway] tenant in try await gateway.services.tenants.pool(for: tenant) },
            events: MeshPublisher(connection: connection, appID: "evidence-tests"), usage: TenantUsage(controlPlane: gateway.services.postgres)
        )
        return Worker(
            configuration: WorkerConfiguration(queue: queue, prefetch: 4, concurrency: 2, retryPolicy: RetryPolicy(maxAttempts: 2)),
            connection: connection, handler: handler, jobs: JobStore(pool: gateway.services.postgres), logger: TestServices.logger,
            metrics: WorkerMetrics(registry: MetricsRegistry()), tracer: .noop
        )
    }

    /// Publishes a command straight to the work queue; with `messageID`, as a redelivery of that message.
    @discardableResult
    func send<Command: MeshMessage>(_ command: Command, tenant: String, messageID: String? = nil) async throws -> String {
        try await MeshPublisher(connection: connection, appID: "evidence-tests").publish(
            command, exchange: "", routingKey: queue, tenant: tenant, messageID: messageID, trace: .random()
        )
    }

    func tearDown() async {
        _ = try? await connection.deleteQueue(name: queue)
        await connection.close()
        await gateway.shutDown()
        for tenant in [gateway.tenant, other] { try? await provisioner.abandon(tenant) }
        try? FileManager.default.removeItem(atPath: root)
    }
}
