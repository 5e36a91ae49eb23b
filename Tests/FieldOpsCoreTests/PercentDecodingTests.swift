import FieldOpsCore
import Testing

@Suite("Percent-decoding")
struct PercentDecodingTests {
    @Test("escapes of either case decode to UTF-8 text; plain text passes through")
    func decodes() {
        #expect(PercentDecoding.decode("Bearer%20abc%3d%3D") == "Bearer abc==")
        #expect(PercentDecoding.decode("s%C3%A9cret") == "sécret")
        #expect(PercentDecoding.decode("plain") == "plain")
    }

    @Test("a malformed escape or bytes that are not UTF-8 give nil", arguments: ["%", "%2", "%zz", "a%G1", "%FF"])
    func refuses(text: String) {
        #expect(PercentDecoding.decode(text) == nil)
    }
}
