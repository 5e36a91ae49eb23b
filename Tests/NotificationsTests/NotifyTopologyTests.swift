import Foundation
import Notifications
import TestSupport
import Testing

@Suite("Notify queue bindings")
struct NotifyTopologyTests {
    @Test("fieldops.notify is bound to exactly the domain events EventRouting handles, in both definition files")
    func bindingsMatchRouting() throws {
        for file in ["topology/definitions.json", "charts/fieldops/files/definitions.json"] {
            let data = try Data(contentsOf: TestServices.repositoryRoot.appendingPathComponent(file))
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let bindings = try #require(document["bindings"] as? [[String: Any]])
            let keys = bindings.filter { $0["destination"] as? String == "fieldops.notify" && $0["source"] as? String == "fieldops.events" }
                .compactMap { $0["routing_key"] as? String }
            #expect(keys.sorted() == EventRouting.eventTypes, "\(file)")
        }
    }
}
