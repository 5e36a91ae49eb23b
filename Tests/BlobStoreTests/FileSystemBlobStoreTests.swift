import BlobStore
import Foundation
import Testing

@Suite("Filesystem blob store")
struct FileSystemBlobStoreTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("blobs-\(UUID().uuidString)").path

    @Test func aBlobWrittenIsReadBackWithItsSizeAndContentType() async throws {
        let store = FileSystemBlobStore(root: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let key = try BlobKey("acme/photos/2026/12/original.jpg")
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let stored = try await store.put(bytes: bytes, key: key, contentType: "image/jpeg")
        #expect(stored.size == 300_000)
        #expect(try await store.get(key) == bytes)
        #expect(try await store.head(key) == BlobMetadata(key: key, size: 300_000, contentType: "image/jpeg"))

        let replacement = Array("second version".utf8)
        _ = try await store.put(bytes: replacement, key: key, contentType: "text/plain")
        #expect(try await store.get(key) == replacement)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root + "/acme/photos/2026/12")
        #expect(leftovers == ["original.jpg"], "no temporary file stays behind")
    }

    @Test func filesGoInAndOutWhole() async throws {
        let store = FileSystemBlobStore(root: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = root + "-source.bin"
        let destination = root + "-copy.bin"
        let bytes = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 / 7) })
        try bytes.write(to: URL(fileURLWithPath: source))
        defer { try? FileManager.default.removeItem(atPath: source); try? FileManager.default.removeItem(atPath: destination) }
        let key = try BlobKey("acme/reports/r1.pdf")
        #expect(try await store.put(file: source, key: key, contentType: "application/pdf").size == 3_000_000)
        try await store.download(key, to: destination)
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == bytes)
    }

    @Test func missingBlobsAreNotFoundAndDeletingTwiceIsFine() async throws {
        let store = FileSystemBlobStore(root: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let key = try BlobKey("acme/none")
        #expect(try await store.head(key) == nil)
        await #expect(throws: BlobStoreError.self) { try await store.get(key) }
        _ = try await store.put(bytes: [1, 2, 3], key: key, contentType: "application/octet-stream")
        try await store.delete(key)
        try await store.delete(key)
        #expect(try await store.head(key) == nil)
    }

    @Test(arguments: ["", "../etc/passwd", "a//b", "a/./b", "a/..", "space name", "é", String(repeating: "a", count: 513)])
    func keysThatCouldEscapeTheRootAreRefused(_ text: String) {
        #expect(throws: BlobStoreError.self) { try BlobKey(text) }
    }

    @Test func contentAddressedKeysSpreadByDigest() throws {
        let key = try BlobKey.contentAddressed(prefix: "acme/photos", sha256: Array(repeating: 0xAB, count: 32))
        #expect(key.value == "acme/photos/sha256/ab/ab/" + String(repeating: "ab", count: 32))
    }
}
