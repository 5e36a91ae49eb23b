import Foundation
import HTTPServer

extension HTTPRequest {
    /// The UUID in the path parameter `name`. A malformed id names nothing that exists: 404 "No such
    /// <thing>.", like an id of another tenant.
    func uuid(_ name: String = "id", naming thing: String) throws(HTTPError) -> UUID {
        guard let id = pathParameters[name].flatMap(UUID.init(uuidString:)) else { throw HTTPError.notFound("No such \(thing).") }
        return id
    }
}
