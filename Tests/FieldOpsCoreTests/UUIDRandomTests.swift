import FieldOpsCore
import Foundation
import Testing

@Suite("UUID.random")
struct UUIDRandomTests {
    @Test("version 4 and the RFC 4122 variant, as UUID() makes them, and no repeats")
    func versionVariantAndUniqueness() {
        var seen = Set<UUID>()
        for _ in 0..<10_000 {
            let id = UUID.random()
            let text = id.uuidString
            #expect(Array(text)[14] == "4", "\(text)")
            #expect("89AB".contains(Array(text)[19]), "\(text)")
            #expect(UUID(uuidString: text) == id)
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
    }

    @Test("every other bit varies: the ids are random, not counted")
    func bitsVary() {
        let ids = (0..<256).map { _ in UUID.random() }
        let bytes = ids.map { id in withUnsafeBytes(of: id.uuid) { Array($0) } }
        for byte in 0..<16 {
            let fixed: UInt8 = switch byte { case 6: 0xF0; case 8: 0xC0; default: 0 }
            let varying = bytes.reduce(UInt8(0)) { $0 | ($1[byte] ^ bytes[0][byte]) }
            #expect(varying == ~fixed, "byte \(byte) varies only in \(String(varying, radix: 2))")
        }
    }
}
