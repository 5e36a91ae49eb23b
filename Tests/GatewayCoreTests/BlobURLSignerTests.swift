import BlobStore
import GatewayCore
import Testing

@Suite("Blob URL signer")
struct BlobURLSignerTests {
    let signer = BlobURLSigner(key: Array("a key of the gateway's".utf8))
    let blob = try! BlobKey("acme/photos/i1/p1/watermarked.jpg")

    func query(_ url: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: url.split(separator: "?")[1].split(separator: "&").map {
            let pair = $0.split(separator: "=", maxSplits: 1)
            return (String(pair[0]), String(pair[1]))
        })
    }

    @Test func aSignedURLVerifiesUntilItExpires() {
        let url = signer.url(for: blob, expires: 1_000)
        #expect(url.hasPrefix("/v1/blobs?key=acme/photos/i1/p1/watermarked.jpg&expires=1000&signature="))
        let parts = query(url)
        #expect(signer.verify(key: parts["key"], expires: parts["expires"], signature: parts["signature"], now: 1_000) == blob)
        #expect(signer.verify(key: parts["key"], expires: parts["expires"], signature: parts["signature"], now: 1_001) == nil)
    }

    @Test func anyChangeBreaksTheSignature() {
        let parts = query(signer.url(for: blob, expires: 1_000))
        #expect(signer.verify(key: "acme/photos/i1/p1/original.jpg", expires: parts["expires"], signature: parts["signature"], now: 0) == nil)
        #expect(signer.verify(key: parts["key"], expires: "2000", signature: parts["signature"], now: 0) == nil)
        #expect(signer.verify(key: parts["key"], expires: parts["expires"], signature: "00" + parts["signature"]!.dropFirst(2), now: 0) == nil)
        #expect(signer.verify(key: parts["key"], expires: parts["expires"], signature: nil, now: 0) == nil)
        let other = BlobURLSigner(key: Array("another gateway's key".utf8))
        #expect(other.verify(key: parts["key"], expires: parts["expires"], signature: parts["signature"], now: 0) == nil)
    }
}
