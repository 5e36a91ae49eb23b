/// Why a request's fields cannot be accepted, one message per field: the gateway answers 422 with
/// one `errors` entry per field so a form can show each beside its input.
public struct FieldErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var fields: [String: String]

    public init(_ fields: [String: String] = [:]) {
        self.fields = fields
    }

    public var isEmpty: Bool { fields.isEmpty }

    public var description: String {
        fields.keys.sorted().map { "\($0) \(fields[$0]!)" }.joined(separator: "; ")
    }
}
