import FieldOpsCrypto
import Identity
import Testing

@Suite("Base64url, hex and roles")
struct EncodingTests {
    @Test("RFC 4648 vectors, unpadded", arguments: [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")])
    func vectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test("the URL-safe alphabet is used and every byte round-trips")
    func allBytes() {
        let bytes = (0...255).map(UInt8.init)
        let encoded = Base64URL.encode(bytes)
        #expect(!encoded.contains("+") && !encoded.contains("/") && !encoded.contains("="))
        #expect(Base64URL.decode(encoded) == bytes)
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
    }

    @Test("padding, foreign characters, impossible lengths and non-canonical tails are refused", arguments: ["Zg==", "Zm9v!", "Z", "Zh"])
    func invalid(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test("hex round-trips and refuses odd or foreign input")
    func hex() {
        #expect(Hex.encode([0x00, 0xAB, 0xFF]) == "00abff")
        #expect(Hex.decode("00ABff") == [0x00, 0xAB, 0xFF])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("gg") == nil)
    }

    @Test("roles are ordered by reach")
    func roles() {
        #expect(Role.tenantAdmin.satisfies(.manager))
        #expect(!Role.technician.satisfies(.siteLead))
        #expect(Role.platformAdmin.satisfies(.tenantAdmin))
        #expect(Role(rawValue: "project_manager") == .projectManager)
    }
}
