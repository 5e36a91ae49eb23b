import FieldOpsCore

/// The `amqp://` URL grammar of the RabbitMQ URI specification, without Foundation.
enum AMQPURL {
    static func parse(_ url: String, into configuration: inout AMQPConfiguration) throws(AMQPError) {
        let scheme = "amqp://"
        guard url.hasPrefix(scheme) else {
            let shown = url.hasPrefix("amqps://") ? "amqps:// (TLS) is not supported" : "the URL must start with amqp://"
            throw AMQPError(.invalidConfiguration, shown)
        }
        var rest = url.dropFirst(scheme.count)
        var path: Substring?
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                configuration.username = try decode(userInfo[..<colon], what: "user")
                configuration.password = try decode(userInfo[userInfo.index(after: colon)...], what: "password")
            } else {
                configuration.username = try decode(userInfo, what: "user")
            }
        }
        try parseHostAndPort(rest, into: &configuration)
        if let path, !path.isEmpty {
            guard !path.contains("/") else {
                throw AMQPError(.invalidConfiguration, "the vhost in the URL must be one segment (write / as %2F)")
            }
            configuration.virtualHost = try decode(path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0], what: "vhost")
        } else {
            configuration.virtualHost = "/"
        }
        try configuration.validate()
    }

    private static func parseHostAndPort(_ authority: Substring, into configuration: inout AMQPConfiguration) throws(AMQPError) {
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw AMQPError(.invalidConfiguration, "unterminated IPv6 address in the URL")
            }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        if !hostPart.isEmpty { configuration.host = String(hostPart) }
        if let portPart {
            guard let port = Int(portPart) else {
                throw AMQPError(.invalidConfiguration, "port '\(portPart)' in the URL is not a number")
            }
            configuration.port = port
        }
    }

    /// Percent-decoding (`%2F` → `/`); a malformed escape is an error rather than a silent guess.
    static func decode(_ text: Substring, what: String) throws(AMQPError) -> String {
        guard let decoded = PercentDecoding.decode(text) else {
            throw AMQPError(.invalidConfiguration, "malformed percent-escape in the URL's \(what)")
        }
        return decoded
    }
}
