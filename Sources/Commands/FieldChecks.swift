import FieldOpsCore
import Foundation
import Mesh

/// The field checks messages share, collecting one problem per field.
struct FieldChecks {
    private(set) var problems: [String: String] = [:]

    mutating func uuid(_ value: String, _ field: String) {
        if UUID(uuidString: value) == nil { problems[field] = "must be a UUID" }
    }

    mutating func day(_ value: String, _ field: String) {
        if CalendarDay(value) == nil { problems[field] = "must be a date YYYY-MM-DD" }
    }

    mutating func fail(_ field: String, _ problem: String) {
        problems[field] = problem
    }

    func finish() throws(MessageValidationError) {
        guard problems.isEmpty else { throw MessageValidationError(problems) }
    }
}
