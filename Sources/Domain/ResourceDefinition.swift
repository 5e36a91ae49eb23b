/// A collection the API exposes with the same verbs: list (filter, sort, page), read, create,
/// update (If-Match) and delete (If-Match), each behind its area's permission.
public struct ResourceDefinition: Sendable {
    /// The path segment: `/v1/<name>`.
    public let name: String
    /// The singular, for messages.
    public let singular: String
    public let table: String
    public let area: DomainArea
    public let fields: [ResourceField]
    /// Columns a list may be filtered on by equality (`?status=active`), with their types; writable
    /// fields are filterable too when listed here.
    public let filters: [String: FieldType]
    public let sortable: [String]
    public let defaultSort: String
    /// Columns never sent to clients (secrets).
    public let hiddenColumns: [String]
    /// Pairs of fields where the second must not come before the first (start/end).
    public let orderedPairs: [(String, String)]
    public let deletable: Bool
    /// False when rows are born through a route of their own (users are invited).
    public let creatable: Bool

    public init(
        name: String, singular: String, table: String? = nil, area: DomainArea, fields: [ResourceField],
        filters: [String: FieldType] = [:], sortable: [String] = ["created_at"], defaultSort: String = "created_at",
        hiddenColumns: [String] = [], orderedPairs: [(String, String)] = [], deletable: Bool = true, creatable: Bool = true
    ) {
        self.name = name
        self.singular = singular
        self.table = table ?? name.replacingOccurrences(of: "-", with: "_")
        self.area = area
        self.fields = fields
        self.filters = filters
        self.sortable = sortable
        self.defaultSort = defaultSort
        self.hiddenColumns = hiddenColumns
        self.orderedPairs = orderedPairs
        self.deletable = deletable
        self.creatable = creatable
    }

    public var path: String { "/v1/\(name)" }

    public func field(_ name: String) -> ResourceField? { fields.first { $0.name == name } }
}
