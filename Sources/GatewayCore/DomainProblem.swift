import Domain
import FieldOpsCore
import HTTPServer

/// Domain refusals as problem documents.
enum DomainProblem {
    static func httpError(_ error: DomainError, instance: String) -> HTTPError {
        switch error.code {
        case .notFound:
            return HTTPError.notFound(sentence(error.message))
        case .versionMismatch(let current):
            return HTTPError(status: 412, detail: sentence(error.message), headers: ["ETag": ETag.header(current)])
        case .conflict, .notAllowed:
            return HTTPError(status: 409, detail: sentence(error.message))
        case .forbidden:
            return HTTPError(status: 403, detail: sentence(error.message))
        case .invalid:
            return ValidationProblem(fields: error.fields.fields, instance: instance).httpError
        }
    }

    private static func sentence(_ message: String) -> String {
        message.prefix(1).uppercased() + message.dropFirst() + (message.hasSuffix(".") ? "" : ".")
    }
}
