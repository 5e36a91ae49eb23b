import BlobStore
import FieldOpsCore
import Foundation
import HTTPClient
import Testing

/// Against the real SeaweedFS S3 server of scripts/services.sh (`FIELDOPS_S3_*` from scripts/env.sh).
@Suite("S3 blob store")
struct S3BlobStoreTests {
    static let environment = Environment.process()

    static func configuration(secret: String? = nil, multipartThreshold: Int = 16 << 20) throws -> S3Configuration {
        try S3Configuration(
            endpoint: environment.string("FIELDOPS_S3_ENDPOINT", default: "http://127.0.0.1:28333"),
            bucket: environment.string("FIELDOPS_S3_BUCKET", default: "fieldops-local"),
            region: environment.string("FIELDOPS_S3_REGION", default: "us-east-1"),
            accessKeyID: environment.string("FIELDOPS_S3_ACCESS_KEY_ID", default: "fieldops"),
            secretAccessKey: secret ?? environment.string("FIELDOPS_S3_SECRET_ACCESS_KEY", default: "fieldops-local-s3-secret"),
            multipartThreshold: multipartThreshold, partSize: S3Configuration.minimumPartSize
        )
    }

    static func store(multipartThreshold: Int = 16 << 20) async throws -> S3BlobStore {
        let store = S3BlobStore(configuration: try configuration(multipartThreshold: multipartThreshold))
        try await store.createBucketIfMissing()
        return store
    }

    let prefix = "tests/s3-\(UUID().uuidString.lowercased())"

    @Test func aBlobGoesRoundTripAndIsDeleted() async throws {
        let store = try await Self.store()
        let key = try BlobKey("\(prefix)/photos/original.jpg")
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        #expect(try await store.put(bytes: bytes, key: key, contentType: "image/jpeg").size == 200_000)
        #expect(try await store.head(key) == BlobMetadata(key: key, size: 200_000, contentType: "image/jpeg"))
        #expect(try await store.get(key) == bytes)

        let file = NSTemporaryDirectory() + "s3-download-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await store.download(key, to: file)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data(bytes))

        try await store.delete(key)
        try await store.delete(key)
        #expect(try await store.head(key) == nil)
        let missing = await #expect(throws: BlobStoreError.self) { _ = try await store.get(key) }
        #expect(missing?.code == .notFound)
    }

    @Test func largeObjectsGoUpInPartsFromMemoryAndFromAFile() async throws {
        let store = try await Self.store(multipartThreshold: S3Configuration.minimumPartSize)
        let bytes = (0..<(12 << 20)).map { UInt8(truncatingIfNeeded: $0 / 3 &+ $0 >> 12) }
        let fromMemory = try BlobKey("\(prefix)/big-memory.bin")
        _ = try await store.put(bytes: bytes, key: fromMemory, contentType: "application/octet-stream")
        #expect(try await store.get(fromMemory) == bytes)

        let source = NSTemporaryDirectory() + "s3-upload-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: source) }
        let fileBytes = Array(bytes.prefix(11 << 20).reversed())
        try Data(fileBytes).write(to: URL(fileURLWithPath: source))
        let fromFile = try BlobKey("\(prefix)/big-file.bin")
        #expect(try await store.put(file: source, key: fromFile, contentType: "application/pdf").size == Int64(11 << 20))
        #expect(try await store.head(fromFile)?.size == Int64(11 << 20))
        #expect(try await store.get(fromFile) == fileBytes)

        // Under the threshold a file goes up in one PUT, streamed from disk all the same.
        try Data(fileBytes.prefix(3 << 20)).write(to: URL(fileURLWithPath: source))
        let smallFile = try BlobKey("\(prefix)/small-file.bin")
        #expect(try await store.put(file: source, key: smallFile, contentType: "application/pdf").size == Int64(3 << 20))
        #expect(try await store.get(smallFile) == Array(fileBytes.prefix(3 << 20)))
        for key in [fromMemory, fromFile, smallFile] { try await store.delete(key) }
    }

    @Test func aPresignedURLReadsTheBlobUntilItExpires() async throws {
        let store = try await Self.store()
        let key = try BlobKey("\(prefix)/signed.jpg")
        _ = try await store.put(bytes: Array("evidence".utf8), key: key, contentType: "image/jpeg")
        let client = HTTPClient()

        let fresh = try await client.execute(HTTPClientRequest(url: store.presignedGetURL(for: key, lifetime: .seconds(60))))
        #expect(fresh.status == 200)
        #expect(fresh.bodyText == "evidence")

        // Signed two minutes ago for one minute: expired now.
        let signedEarlier = AmzTimestamp(secondsSinceEpoch: AmzTimestamp.now().secondsSinceEpoch - 120)
        let expired = try await client.execute(HTTPClientRequest(url: store.presignedGetURL(for: key, lifetime: .seconds(60), signedAt: signedEarlier)))
        #expect(expired.status == 403)

        let tampered = store.presignedGetURL(for: key, lifetime: .seconds(60)).replacingOccurrences(of: "signed.jpg", with: "other.jpg")
        #expect(try await client.execute(HTTPClientRequest(url: tampered)).status == 403)
        try await store.delete(key)
    }

    @Test func aWrongSecretFailsLoudlyAsAccessDenied() async throws {
        let store = S3BlobStore(configuration: try Self.configuration(secret: "not-the-secret"))
        let key = try BlobKey("\(prefix)/denied.bin")
        do {
            _ = try await store.put(bytes: [1, 2, 3], key: key, contentType: "application/octet-stream")
            Issue.record("a write with a wrong secret succeeded")
        } catch {
            #expect(error.code == .accessDenied)
            #expect(error.message.contains("SignatureDoesNotMatch"), "the store's own reason is kept: \(error.message)")
        }
        await #expect(throws: BlobStoreError.self) { _ = try await store.get(key) }
    }

    @Test func theStoreIsChosenByConfiguration() throws {
        let base = ["FIELDOPS_BLOB_ROOT": "/tmp/blobs"]
        guard case .filesystem(let root) = try BlobStoreConfiguration(environment: Environment(base)) else {
            Issue.record("filesystem is the default")
            return
        }
        #expect(root == "/tmp/blobs")
        let s3 = Environment([
            "FIELDOPS_BLOB_STORE": "s3", "FIELDOPS_S3_ENDPOINT": "http://127.0.0.1:28333", "FIELDOPS_S3_BUCKET": "evidence",
            "FIELDOPS_S3_ACCESS_KEY_ID": "id", "FIELDOPS_S3_SECRET_ACCESS_KEY": "secret",
        ])
        guard case .s3(let configuration) = try BlobStoreConfiguration(environment: s3) else {
            Issue.record("s3 was asked for")
            return
        }
        #expect(configuration.bucket == "evidence" && configuration.region == "us-east-1")
        #expect(try BlobStoreConfiguration(environment: s3).makeStore() is S3BlobStore)
        #expect(throws: ConfigurationError.self) { try BlobStoreConfiguration(environment: Environment(["FIELDOPS_BLOB_STORE": "ftp"])) }
        #expect(throws: ConfigurationError.self) {
            try BlobStoreConfiguration(environment: Environment(s3.values.merging(["FIELDOPS_S3_ENDPOINT": "127.0.0.1/x"]) { $1 }))
        }
        #expect(throws: ConfigurationError.self) {
            try BlobStoreConfiguration(environment: Environment(s3.values.merging(["FIELDOPS_S3_PART_SIZE_BYTES": "1024"]) { $1 }))
        }
    }
}
