import FieldOpsCore
import Foundation

/// A row as the API shows it (JSON), with the version its ETag carries.
public struct VersionedRecord: Sendable {
    public let json: [UInt8]
    public let version: Int

    public init(json: [UInt8], version: Int) {
        self.json = json
        self.version = version
    }

    /// The row's `id` member (Location headers, events about it); nil for rows keyed otherwise.
    public var id: UUID? {
        guard case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: Data(json)),
              case .string(let id)? = members["id"] else { return nil }
        return UUID(uuidString: id)
    }
}
