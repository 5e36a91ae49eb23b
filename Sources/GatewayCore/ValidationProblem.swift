import FieldOpsCore
import HTTPServer
import Mesh

/// Field-level validation errors as a `422` problem document with an `errors` member, one entry
/// per field, so a form can show each message beside its field.
struct ValidationProblem {
    let fields: [String: String]
    let instance: String

    init(_ error: MessageValidationError, instance: String) {
        self.init(fields: error.fields, instance: instance)
    }

    init(fields: [String: String], instance: String) {
        self.fields = fields
        self.instance = instance
    }

    var httpError: HTTPError {
        let errors: [JSONValue] = fields.keys.sorted().map { .object(["field": .string($0), "message": .string(fields[$0]!)]) }
        return HTTPError(ProblemDetails(
            type: "https://fieldops360.example/problems/validation", status: 422, title: "Invalid request",
            detail: "\(fields.count) field(s) are invalid.", instance: instance, extensions: ["errors": .array(errors)]
        ))
    }
}
