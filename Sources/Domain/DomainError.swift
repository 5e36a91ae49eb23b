import Foundation
import Postgres

/// Why a domain operation was refused, in terms the API maps to a status: 404, 409, 412, 422.
public struct DomainError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case notFound
        /// If-Match named another version than the current one.
        case versionMismatch(current: Int)
        /// A uniqueness or overlap rule, or a row still in use.
        case conflict
        /// Field-level problems (see `fields`).
        case invalid
        /// Allowed by the data but not by the rules of the workflow (a transition, a completion).
        case notAllowed
        /// The caller's role or identity may not do this to this record.
        case forbidden
    }

    public let code: Code
    public let message: String
    public var fields: FieldErrors

    public init(_ code: Code, _ message: String, fields: FieldErrors = FieldErrors()) {
        self.code = code
        self.message = message
        self.fields = fields
    }

    public static func invalid(_ fields: FieldErrors) -> DomainError {
        DomainError(.invalid, "\(fields.fields.count) field(s) are invalid", fields: fields)
    }

    public var description: String { fields.isEmpty ? message : "\(message): \(fields)" }

    /// Turns the server's integrity errors into what the client did wrong; anything else is rethrown
    /// as is (a server fault, not the client's).
    static func translating(_ error: any Error, singular: String, deleting: Bool = false) -> any Error {
        guard let error = error as? PostgresError, let state = error.sqlState else { return error }
        let column = error.column ?? Self.keyColumn(in: error.detail)
        switch state {
        case "23503" where deleting:
            return DomainError(.conflict, "this \(singular) is still used by other records; remove or reassign them first")
        case "23503":
            return invalid(FieldErrors([column ?? "body": "refers to a record that does not exist"]))
        case "23505":
            return DomainError(.conflict, "another \(singular) already has this \(column ?? "value")")
        case "23P01":
            return DomainError(.conflict, "this \(singular) overlaps another one for the same \(column ?? "item")")
        case "23514", "23502":
            return invalid(FieldErrors([column ?? "body": "breaks the rule \(error.constraint ?? "of the record")"]))
        case let state where state.hasPrefix("22"):
            return invalid(FieldErrors([column ?? "body": "holds a value out of range"]))
        default:
            return error
        }
    }

    /// `Key (site_id)=(…) is not present …` → `site_id`; for composite keys the first column.
    private static func keyColumn(in detail: String?) -> String? {
        guard let detail, let open = detail.range(of: "Key ("), let close = detail[open.upperBound...].firstIndex(of: ")") else { return nil }
        return detail[open.upperBound..<close].split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
