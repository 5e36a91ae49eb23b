import Foundation
@testable import Mesh
import Testing

/// Job ids arrive as the correlation id of every delivery: the runtime's parser reads what
/// `UUID(uuidString:)` reads, and refuses what it refuses.
@Suite("Job id parsing")
struct HyphenatedHexUUIDTests {
    @Test("lowercase and uppercase ids parse to the same UUID as Foundation's parser")
    func matchesFoundation() {
        for _ in 0..<200 {
            let id = UUID()
            #expect(UUID(hyphenatedHex: id.uuidString) == id)
            #expect(UUID(hyphenatedHex: id.uuidString.lowercased()) == id)
        }
        #expect(UUID(hyphenatedHex: "00000000-0000-0000-0000-000000000000") == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
    }

    @Test("anything but the 8-4-4-4-12 hex form is refused", arguments: [
        "", "job-42", "8f6f7c2e-0c1b-4c52-9d1e-6a4b2f0e9a1", "8f6f7c2e-0c1b-4c52-9d1e-6a4b2f0e9a1ff",
        "8f6f7c2e00c1b-4c52-9d1e-6a4b2f0e9a1f", "8f6f7c2e-0c1b-4c52-9d1e-6a4b2f0e9a1g", "{8f6f7c2e-0c1b-4c52-9d1e-6a4b2f0e9a}",
        "8f6f7c2e-0c1b-4c52-9d1e-6a4b2f0e9a1é",
    ])
    func refusesMalformed(text: String) {
        #expect(UUID(hyphenatedHex: text) == nil)
        #expect(UUID(uuidString: text) == nil)
    }
}
