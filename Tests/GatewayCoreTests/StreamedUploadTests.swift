import BlobStore
import Domain
import FieldOpsCore
import FieldOpsCrypto
import Foundation
import HTTPClient
import PhotoTestSupport
import Tenancy
import TestSupport
import Testing

/// Large uploads through a gateway child process whose server spills bodies to its own temporary
/// directory: each is checked, hashed and stored from that file, so the process's peak memory
/// (`VmHWM`) grows by far less than the body it received.
@Suite("Streamed uploads", .timeLimit(.minutes(3)))
struct StreamedUploadTests {
    /// A gateway child over a blob store of its own (`filesystem`, or `s3`: the local SeaweedFS),
    /// accepting bodies of up to 64 MiB; `body` also gets that store, to read what the gateway
    /// stored, and the spill directory.
    static func withGateway(
        store: String = "filesystem", _ body: (GatewayProcess, any BlobStore, _ spillDirectory: String) async throws -> Void
    ) async throws {
        let blobRoot = NSTemporaryDirectory() + TestServices.uniqueName("upload-blobs")
        let spillDirectory = NSTemporaryDirectory() + TestServices.uniqueName("upload-spill")
        try FileManager.default.createDirectory(atPath: spillDirectory, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(atPath: blobRoot)
            try? FileManager.default.removeItem(atPath: spillDirectory)
        }
        let overrides = [
            "FIELDOPS_BLOB_STORE": store, "FIELDOPS_BLOB_ROOT": blobRoot, "FIELDOPS_GATEWAY_TMPDIR": spillDirectory,
            "FIELDOPS_GATEWAY_MAX_BODY_BYTES": String(64 << 20), "FIELDOPS_PHOTO_MAX_BYTES": String(64 << 20),
        ]
        let blobs = try BlobStoreConfiguration(environment: Environment(GatewayHarness.environment(overrides: overrides))).makeStore()
        try await GatewayProcess.with(overrides: overrides) { gateway in
            try await body(gateway, blobs, spillDirectory)
        }
    }

    static let client = HTTPClient()

    static func post(_ gateway: GatewayProcess, _ path: String, token: String, type: String, body: [UInt8]) async throws -> HTTPClientResponse {
        try await client.execute(HTTPClientRequest(
            method: "POST", url: gateway.baseURL + path, headers: [("Authorization", "Bearer \(token)"), ("Content-Type", type)], body: body
        ))
    }

    /// Posts `body` and expects `status`, and the gateway's peak memory to grow meanwhile by less
    /// than `1 / growthDivisor` of the body. A first spilled upload (`warmUp`) has brought in what any
    /// upload needs (buffers, threads, libvips, connections), so the growth is the large body's own.
    static func postMeasuringMemory(
        _ gateway: GatewayProcess, _ path: String, token: String, type: String, warmUp: [UInt8], body: [UInt8], status: Int, growthDivisor: Int
    ) async throws -> HTTPClientResponse {
        #expect(try await post(gateway, path, token: token, type: type, body: warmUp).status == status)
        let before = try gateway.peakResidentBytes()
        let response = try await post(gateway, path, token: token, type: type, body: body)
        let growth = try gateway.peakResidentBytes() - before
        #expect(response.status == status, "\(response.text)")
        #expect(growth < body.count / growthDivisor, "peak memory grew by \(growth) bytes for a \(body.count)-byte body")
        return response
    }

    /// Bytes that no store or transport could compress.
    static func noise(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { buffer in
            for offset in stride(from: 0, to: buffer.count - 7, by: 8) {
                buffer.storeBytes(of: generator.next() as UInt64, toByteOffset: offset, as: UInt64.self)
            }
        }
        return bytes
    }

    /// With S3 the 40 MB go up as a multipart upload, each part sent from the spilled file.
    @Test(
        "a 40 MB document is hashed and stored from the spilled body: peak memory grows far less than the body, the stored object has its SHA-256",
        arguments: ["filesystem", "s3"]
    )
    func largeDocument(store: String) async throws {
        try await TenantGateway.run { tenant in
            let manager = tenant.token(.manager)
            let site = try await tenant.create("sites", SiteResourceTests.site, token: manager)
            let document = try await tenant.create("documents", #"{"site_id":"\#(site)","title":"Plan de masse","kind":"plan"}"#, token: manager)
            let path = "/v1/documents/\(document)/revisions"
            try await Self.withGateway(store: store) { gateway, blobs, spillDirectory in
                let file = Self.noise(count: 40_000_000)
                let response = try await Self.postMeasuringMemory(
                    gateway, path, token: manager, type: "application/pdf", warmUp: Self.noise(count: 1 << 20), body: file, status: 201, growthDivisor: 8
                )

                let revision = try tenant.object(response)
                #expect(revision["sha256"] as? String == SHA256.hex(file) && revision["size_bytes"] as? Int == file.count)
                let pool = try await tenant.harness.services.tenants.pool(for: tenant.slug)
                let documentID = try #require(UUID(uuidString: document))
                let stored = try #require(try await DocumentRevisions().find(documentID: documentID, revision: 2, on: pool))
                #expect(SHA256.hex(try await blobs.get(try BlobKey(stored.blobKey))) == SHA256.hex(file))
                #expect(try FileManager.default.contentsOfDirectory(atPath: spillDirectory).isEmpty, "the spilled body is deleted once answered")
            }
        }
    }

    @Test("a large photo is sniffed, its pixels counted from the spilled file's header, hashed and stored without holding it; a spilled pixel bomb is 422 with nothing stored")
    func largePhoto() async throws {
        let harness = try await GatewayHarness()
        let provisioner = try TenantProvisioner(controlPlane: harness.services.postgres, configuration: harness.configuration.tenancy, logger: TestServices.logger)
        do {
            let intervention = try await PhotoRoutesTests.intervention(of: harness.tenant, provisioner: provisioner, gateway: harness)
            let token = harness.token(role: .technician)
            let path = "/v1/interventions/\(intervention)/photos"
            let photo = try TestImages.jpeg(width: 4000, height: 3000) { x, y in
                let value = UInt32(truncatingIfNeeded: (x &* 2_654_435_761) ^ (y &* 40_503)) >> 5
                return [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value >> 16)]
            }
            try await Self.withGateway { gateway, blobs, spillDirectory in
                let warmUp = try TestImages.markedJPEG(width: 800, height: 600) + [UInt8](repeating: 0, count: 1 << 20)
                let accepted = try await Self.postMeasuringMemory(
                    gateway, path, token: token, type: "image/jpeg", warmUp: warmUp, body: photo, status: 202, growthDivisor: 3
                )
                let body = try harness.json(accepted)
                #expect(body["width"] as? Int == 4000 && body["height"] as? Int == 3000 && body["size_bytes"] as? Int == photo.count)
                #expect(body["original_sha256"] as? String == SHA256.hex(photo))
                let key = try BlobKey.contentAddressed(prefix: "\(harness.tenant)/photos", sha256: SHA256.digest(photo))
                #expect(SHA256.hex(try await blobs.get(key)) == SHA256.hex(photo))

                let jobs = try await harness.jobCount()
                let spilledBomb = PhotoRoutesTests.bomb + [UInt8](repeating: 0, count: 1 << 20)
                let bomb = try await Self.post(gateway, path, token: token, type: "image/jpeg", body: spilledBomb)
                #expect(bomb.status == 422 && bomb.text.contains("20000×20000"), "\(bomb.text)")
                let text = Array(String(repeating: "plain text, named photo.jpg\n", count: 20_000).utf8)
                #expect(try await Self.post(gateway, path, token: token, type: "image/jpeg", body: text).status == 415)
                #expect(try await Self.post(gateway, path, token: token, type: "image/jpeg", body: []).status == 422)
                let jobsAfter = try await harness.jobCount()
                let bombKey = try BlobKey.contentAddressed(prefix: "\(harness.tenant)/photos", sha256: SHA256.digest(spilledBomb))
                #expect(try await blobs.head(bombKey) == nil && jobsAfter == jobs, "refused uploads store and publish nothing")
                #expect(try FileManager.default.contentsOfDirectory(atPath: spillDirectory).isEmpty, "spilled bodies are deleted once answered")
            }
        } catch {
            await PhotoRoutesTests.cleanUp([harness.tenant], provisioner: provisioner, gateway: harness)
            throw error
        }
        await PhotoRoutesTests.cleanUp([harness.tenant], provisioner: provisioner, gateway: harness)
    }
}
