import FieldOpsCore

/// Checks a request body against a resource's fields: unknown and read-only members are refused
/// by name (no mass assignment), each value is checked and normalised, required fields are present.
public struct RecordValidator: Sendable {
    public enum Mode: Sendable {
        case create
        case update
    }

    public let definition: ResourceDefinition

    public init(_ definition: ResourceDefinition) {
        self.definition = definition
    }

    /// The values to write, keyed by column.
    public func validate(_ body: JSONValue, mode: Mode) throws(FieldErrors) -> [String: JSONValue] {
        guard case .object(let members) = body else { throw FieldErrors(["body": "must be a JSON object"]) }
        var errors = FieldErrors()
        var values: [String: JSONValue] = [:]
        for (name, value) in members {
            guard let field = definition.field(name) else {
                errors.fields[name] = "is not a field you can set on a \(definition.singular)"
                continue
            }
            if mode == .update, !field.updatable {
                errors.fields[name] = "cannot be changed once the \(definition.singular) exists"
                continue
            }
            if value == .null {
                if field.presence == .optional {
                    values[name] = .null
                } else {
                    errors.fields[name] = "must not be null"
                }
                continue
            }
            switch field.type.validate(value) {
            case .success(let normalised): values[name] = normalised
            case .failure(let message): errors.fields[name] = message.text
            }
        }
        if mode == .create {
            for field in definition.fields where field.presence == .required && members[field.name] == nil {
                errors.fields[field.name] = "is required"
            }
        } else if members.isEmpty {
            errors.fields["body"] = "names no field to change"
        }
        guard errors.isEmpty else { throw errors }
        try checkOrder(values)
        return values
    }

    /// Start/end pairs in `row` (a whole row, or only the values being written): the end must not
    /// come before the start. Compared as instants, so time zones do not fool it.
    public func checkOrder(_ row: [String: JSONValue]) throws(FieldErrors) {
        var errors = FieldErrors()
        for (start, end) in definition.orderedPairs {
            guard case .string(let first)? = row[start], case .string(let last)? = row[end] else { continue }
            let reversed: Bool
            if let from = ISO8601Timestamp.parse(first), let to = ISO8601Timestamp.parse(last) {
                reversed = to < from
            } else {
                reversed = last < first  // YYYY-MM-DD dates order as text
            }
            if reversed { errors.fields[end] = "must not be before \(start)" }
        }
        guard errors.isEmpty else { throw errors }
    }
}
