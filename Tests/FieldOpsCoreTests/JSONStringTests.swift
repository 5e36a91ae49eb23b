import FieldOpsCore
import Foundation
import Testing

@Suite("JSONString")
struct JSONStringTests {
    @Test("hostile strings escape into JSON that parses back to the same text", arguments: [
        "plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "\u{0}\u{1}\u{1F}", "émoji 🚧 chantier", "",
    ])
    func roundTrip(value: String) throws {
        let json = "[" + JSONString.quoted(value) + "]"
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(parsed == [value])
    }
}
