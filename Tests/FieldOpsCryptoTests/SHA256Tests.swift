import FieldOpsCrypto
import Foundation
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-2 test vectors")
    func vectors() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a digest fed in uneven pieces equals the one-shot digest")
    func pieces() {
        let bytes = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = SHA256Hasher()
        var offset = 0
        for size in [0, 1, 63, 64, 65, 4096, 1, 100_000] where offset < bytes.count {
            let end = min(bytes.count, offset + size)
            bytes[offset..<end].withUnsafeBytes { hasher.update($0) }
            offset = end
        }
        bytes[offset...].withUnsafeBytes { hasher.update($0) }
        #expect(hasher.finalize() == SHA256.digest(bytes))
        #expect(SHA256.digest(bytes[1...]) == SHA256.digest(Array(bytes.dropFirst())))
    }

    @Test("a file hashed from a descriptor, whole or a stretch of it, as its bytes are; a file that ends early is an error")
    func fileStretches() throws {
        let bytes = (0..<(3 << 20) + 12_345).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let path = NSTemporaryDirectory() + "sha256-file-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }

        var whole = SHA256Hasher()
        try whole.update(file: descriptor)
        #expect(whole.finalize() == SHA256.digest(bytes))
        var stretch = SHA256Hasher()
        try stretch.update(file: descriptor, offset: 1_000_000, count: 2_000_000)
        #expect(stretch.finalize() == SHA256.digest(bytes[1_000_000..<3_000_000]))
        var beyond = SHA256Hasher()
        #expect(throws: SHA256Hasher.FileReadFailure.self) { try beyond.update(file: descriptor, offset: 3 << 20, count: 20_000) }
    }
}
