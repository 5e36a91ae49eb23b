import FieldOpsCore

/// `application/x-www-form-urlencoded` (`a=1&b=x+y`), in the order sent. Nil when an escape is
/// malformed or a value is not UTF-8.
public enum FormParameters {
    public static func parse(_ body: [UInt8]) -> [(name: String, value: String)]? {
        var parameters: [(name: String, value: String)] = []
        for pair in body.split(separator: UInt8(ascii: "&")) {
            let spaced = pair.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }
            let parts = spaced.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = String(validating: parts[0], as: UTF8.self), let name = PercentDecoding.decode(rawName) else { return nil }
            let rawValue = parts.count > 1 ? String(validating: parts[1], as: UTF8.self) : ""
            guard let rawValue, let value = PercentDecoding.decode(rawValue) else { return nil }
            parameters.append((name, value))
        }
        return parameters
    }
}
