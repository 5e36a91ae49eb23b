import FieldOpsCore

/// How mail leaves: the relay, its TLS mode and credentials, and the sender address.
public struct SMTPConfiguration: Sendable {
    public enum Security: String, Sendable, CaseIterable {
        /// Plain SMTP (a local relay or a test sink).
        case none
        /// STARTTLS, required: the mail is not sent if the server cannot upgrade.
        case startTLS = "starttls"
        /// STARTTLS when offered, plain otherwise.
        case startTLSIfOffered = "starttls-optional"
        /// TLS from the first byte (`smtps://`, port 465).
        case implicitTLS = "tls"
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var from: MailAddress
    public var timeout: Duration
    /// Connections kept open to the relay between mails.
    public var maxIdleConnections: Int

    public init(
        host: String, port: Int, security: Security = .none, username: String? = nil, password: String? = nil, from: MailAddress,
        timeout: Duration = .seconds(30), maxIdleConnections: Int = 4
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.timeout = timeout
        self.maxIdleConnections = maxIdleConnections
    }

    /// `FIELDOPS_SMTP_HOST`, `_PORT` (25), `_SECURITY` (none | starttls | starttls-optional | tls),
    /// `_USERNAME`, `_PASSWORD`, `_FROM` (address), `_FROM_NAME`, `_TIMEOUT_MS`, `_MAX_IDLE_CONNECTIONS`.
    public init(environment: Environment) throws(ConfigurationError) {
        let securityText = environment.string("FIELDOPS_SMTP_SECURITY", default: "starttls")
        guard let security = Security(rawValue: securityText) else {
            throw ConfigurationError(
                variable: "FIELDOPS_SMTP_SECURITY", value: securityText, expected: Security.allCases.map(\.rawValue).joined(separator: " | ")
            )
        }
        let fromText = environment.string("FIELDOPS_SMTP_FROM", default: "notifications@fieldops360.local")
        let from: MailAddress
        do {
            from = try MailAddress(fromText, name: environment.string("FIELDOPS_SMTP_FROM_NAME", default: "FieldOps360"))
        } catch {
            throw ConfigurationError(variable: "FIELDOPS_SMTP_FROM", value: fromText, expected: "a mail address")
        }
        let port = try environment.int("FIELDOPS_SMTP_PORT", default: security == .implicitTLS ? 465 : 25)
        guard (1...65535).contains(port) else {
            throw ConfigurationError(variable: "FIELDOPS_SMTP_PORT", value: String(port), expected: "a TCP port")
        }
        self.init(
            host: environment.string("FIELDOPS_SMTP_HOST", default: "127.0.0.1"), port: port, security: security,
            username: environment.string("FIELDOPS_SMTP_USERNAME"), password: environment.string("FIELDOPS_SMTP_PASSWORD"), from: from,
            timeout: try environment.milliseconds("FIELDOPS_SMTP_TIMEOUT_MS", default: .seconds(30)),
            maxIdleConnections: max(1, try environment.int("FIELDOPS_SMTP_MAX_IDLE_CONNECTIONS", default: 4))
        )
    }

    var url: String {
        (security == .implicitTLS ? "smtps://" : "smtp://") + host + ":\(port)"
    }
}
