import FieldOpsCore
import Foundation

/// An RFC 9457 problem document, served as `application/problem+json`.
///
/// `extensions` carries extra members at the top level, e.g. field-level validation `errors`:
/// `ProblemDetails(status: 422, title: "Invalid intervention", extensions: ["errors": [["field": "site_id", "message": "required"]]])`.
public struct ProblemDetails: Sendable, Equatable, Codable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var instance: String?
    public var extensions: [String: JSONValue]

    public static let contentType = "application/problem+json"

    public init(
        type: String = "about:blank", status: Int, title: String? = nil, detail: String? = nil,
        instance: String? = nil, extensions: [String: JSONValue] = [:]
    ) {
        self.type = type
        self.title = title ?? HTTPStatus.reasonPhrase(status)
        self.status = status
        self.detail = detail
        self.instance = instance
        self.extensions = extensions
    }

    private struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    private static let standardMembers: Set<String> = ["type", "title", "status", "detail", "instance"]

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(type, forKey: Key(stringValue: "type"))
        try container.encode(title, forKey: Key(stringValue: "title"))
        try container.encode(status, forKey: Key(stringValue: "status"))
        try container.encodeIfPresent(detail, forKey: Key(stringValue: "detail"))
        try container.encodeIfPresent(instance, forKey: Key(stringValue: "instance"))
        // An extension never overrides a standard member.
        for (name, value) in extensions where !Self.standardMembers.contains(name) {
            try container.encode(value, forKey: Key(stringValue: name))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        type = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "type")) ?? "about:blank"
        status = try container.decode(Int.self, forKey: Key(stringValue: "status"))
        title = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "title")) ?? HTTPStatus.reasonPhrase(status)
        detail = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "detail"))
        instance = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "instance"))
        var extensions: [String: JSONValue] = [:]
        for key in container.allKeys where !Self.standardMembers.contains(key.stringValue) {
            extensions[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        self.extensions = extensions
    }
}
