import FieldOpsCore
import Notifications

/// An SMS provider reached over HTTP, described by templates rather than code: the request URL
/// and body use `{{to}}` and `{{text}}`, escaped for the body's content type.
public struct SMSProviderConfiguration: Sendable {
    public var url: TextTemplate
    public var body: TextTemplate
    public var contentType: String
    /// The `Authorization` header value, if the provider wants one.
    public var authorization: String?

    public init(url: String, body: String, contentType: String, authorization: String?) throws(TemplateError) {
        self.url = try TextTemplate(url)
        self.body = try TextTemplate(body)
        self.contentType = contentType
        self.authorization = authorization
    }

    /// `FIELDOPS_SMS_URL` (unset: no SMS channel), `FIELDOPS_SMS_BODY` (default a JSON object with
    /// `to` and `text`), `FIELDOPS_SMS_CONTENT_TYPE` (`application/json` or
    /// `application/x-www-form-urlencoded`), `FIELDOPS_SMS_AUTHORIZATION`.
    public init?(environment: Environment) throws(ConfigurationError) {
        guard let url = environment.string("FIELDOPS_SMS_URL") else { return nil }
        let contentType = environment.string("FIELDOPS_SMS_CONTENT_TYPE", default: "application/json")
        guard ["application/json", "application/x-www-form-urlencoded"].contains(contentType) else {
            throw ConfigurationError(variable: "FIELDOPS_SMS_CONTENT_TYPE", value: contentType, expected: "application/json or application/x-www-form-urlencoded")
        }
        let body = environment.string("FIELDOPS_SMS_BODY", default: #"{"to":"{{to}}","text":"{{text}}"}"#)
        do {
            try self.init(url: url, body: body, contentType: contentType, authorization: environment.string("FIELDOPS_SMS_AUTHORIZATION"))
        } catch {
            throw ConfigurationError(variable: "FIELDOPS_SMS_URL or FIELDOPS_SMS_BODY", value: "(template)", expected: "a valid {{name}} template: \(error)")
        }
    }

    var bodyEscaping: TemplateEscaping { contentType == "application/json" ? .jsonString : .formValue }
}
