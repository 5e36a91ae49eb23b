import FieldOpsCore
import Testing

@Suite("Percent-encoding")
struct PercentEncodingTests {
    @Test("unreserved characters stay, everything else is escaped, and decoding gives the text back")
    func roundTrip() {
        #expect(PercentEncoding.encode("/") == "%2F")
        #expect(PercentEncoding.encode("gps.t-1.van_2~") == "gps.t-1.van_2~")
        #expect(PercentEncoding.encode("a b:é") == "a%20b%3A%C3%A9")
        for text in ["/", "a b:é/%", "\u{0}\u{1F}"] { #expect(PercentDecoding.decode(PercentEncoding.encode(text)) == text) }
    }
}
