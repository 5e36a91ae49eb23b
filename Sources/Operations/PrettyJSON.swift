import Foundation

enum PrettyJSON {
    /// `bytes` indented with sorted keys, or `nil` when they are not JSON.
    static func render(_ bytes: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) else { return nil }
        return text(object)
    }

    /// A JSON-compatible object (from `JSONSerialization` or `FieldValueJSON`) as indented text.
    static func text(_ object: Any, pretty: Bool = true) -> String? {
        let options: JSONSerialization.WritingOptions = pretty
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
            : [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: options) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
