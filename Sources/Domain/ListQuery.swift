import FieldOpsCore
import Foundation

/// A list request: equality filters (`?status=planned,assigned` means either), sort
/// (`?sort=-created_at,name`), and a page (`?limit=50&offset=100`). Anything else is refused by name.
public struct ListQuery: Sendable, Equatable {
    public struct Filter: Sendable, Equatable {
        public let column: String
        public let postgresType: String
        public let values: [String]
    }

    public struct SortKey: Sendable, Equatable {
        public let column: String
        public let descending: Bool
    }

    public static let maximumLimit = 200
    public static let maximumOffset = 1_000_000

    public var filters: [Filter] = []
    public var sort: [SortKey] = []
    public var limit = 50
    public var offset = 0

    /// Parses `items` (name, value) for `definition`.
    public init(_ items: [(name: String, value: String)], for definition: ResourceDefinition) throws(FieldErrors) {
        var errors = FieldErrors()
        for (name, value) in items {
            switch name {
            case "limit":
                guard let number = Int(value), (1...Self.maximumLimit).contains(number) else {
                    errors.fields[name] = "must be a whole number from 1 to \(Self.maximumLimit)"
                    continue
                }
                limit = number
            case "offset":
                guard let number = Int(value), (0...Self.maximumOffset).contains(number) else {
                    errors.fields[name] = "must be a whole number from 0 to \(Self.maximumOffset)"
                    continue
                }
                offset = number
            case "sort":
                for key in value.split(separator: ",").map(String.init) {
                    let column = key.hasPrefix("-") ? String(key.dropFirst()) : key
                    guard definition.sortable.contains(column) else {
                        errors.fields[name] = "may sort by " + definition.sortable.joined(separator: ", ")
                        continue
                    }
                    sort.append(SortKey(column: column, descending: key.hasPrefix("-")))
                }
            default:
                guard let type = definition.filters[name] else {
                    errors.fields[name] = "is not a filter of \(definition.name); filters: " + definition.filters.keys.sorted().joined(separator: ", ")
                    continue
                }
                let values = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard values.count <= 50, values.allSatisfy({ Self.accepts(type, $0) }) else {
                    errors.fields[name] = "must be one or more comma-separated values of the field's type"
                    continue
                }
                filters.append(Filter(column: name, postgresType: type.postgresType, values: values))
            }
        }
        guard errors.isEmpty else { throw errors }
        if sort.isEmpty { sort = [SortKey(column: definition.defaultSort, descending: false)] }
    }

    /// Whether a filter's text is a value of `type`, checked before PostgreSQL casts it.
    private static func accepts(_ type: FieldType, _ text: String) -> Bool {
        switch type {
        case .uuid: UUID(uuidString: text) != nil
        case .integer: Int64(text) != nil
        case .number: Double(text)?.isFinite ?? false
        case .boolean: text == "true" || text == "false"
        case .date: CalendarDay(text) != nil
        case .timestamp: ISO8601Timestamp.parse(text) != nil
        case .enumeration(let allowed): allowed.contains(text)
        case .text(let maxLength, _): !text.isEmpty && text.count <= maxLength && !text.unicodeScalars.contains("\0")
        case .email, .codes, .geofence, .orderLines: !text.isEmpty && text.count <= 254 && !text.unicodeScalars.contains("\0")
        }
    }
}
