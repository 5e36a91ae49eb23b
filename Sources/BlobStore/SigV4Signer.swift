import FieldOpsCrypto

/// AWS Signature Version 4 for S3-compatible stores, as a pure value: request parts and a timestamp
/// in, headers or a query string out. No clock and no I/O, so it is checked against AWS's published
/// examples.
public struct SigV4Signer: Sendable {
    public let accessKeyID: String
    public let secretAccessKey: String
    public let region: String
    public let service: String

    /// The hash S3 accepts in place of the payload's when a URL is signed before the body exists.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    public init(accessKeyID: String, secretAccessKey: String, region: String, service: String = "s3") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
    }

    /// What a request to sign is made of. `path` is already URI-encoded (`/bucket/key`); `host`
    /// includes a non-default port, exactly as the `Host` header will carry it.
    public struct Request: Sendable {
        public var method: String
        public var host: String
        public var path: String
        public var query: [(name: String, value: String)]
        /// Headers to sign besides `host`, `x-amz-date` and `x-amz-content-sha256`.
        public var headers: [(name: String, value: String)]

        public init(method: String, host: String, path: String, query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = []) {
            self.method = method
            self.host = host
            self.path = path
            self.query = query
            self.headers = headers
        }
    }

    /// The headers to add to the request: `x-amz-date`, `x-amz-content-sha256` and `Authorization`.
    public func authorizationHeaders(for request: Request, payloadHash: String, at time: AmzTimestamp) -> [(name: String, value: String)] {
        var signed = request.headers.map { (name: $0.name.lowercased(), value: Self.trimmed($0.value)) }
        signed.append(("host", request.host))
        signed.append(("x-amz-content-sha256", payloadHash))
        signed.append(("x-amz-date", time.dateTime))
        signed.sort { $0.name < $1.name }
        let signedNames = signed.map(\.name).joined(separator: ";")
        let canonical = canonicalRequest(
            request, query: request.query, headers: signed, signedNames: signedNames, payloadHash: payloadHash
        )
        let signature = sign(canonical, at: time)
        return [
            ("x-amz-date", time.dateTime),
            ("x-amz-content-sha256", payloadHash),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/\(scope(time)), SignedHeaders=\(signedNames), Signature=\(signature)"),
        ]
    }

    /// The query string of a presigned URL (the request's own query parameters included), valid for
    /// `expiresInSeconds` (1 to 604800) from `time`.
    public func presignedQuery(for request: Request, expiresInSeconds: Int, at time: AmzTimestamp) -> String {
        var query = request.query
        query.append(("X-Amz-Algorithm", "AWS4-HMAC-SHA256"))
        query.append(("X-Amz-Credential", "\(accessKeyID)/\(scope(time))"))
        query.append(("X-Amz-Date", time.dateTime))
        query.append(("X-Amz-Expires", String(expiresInSeconds)))
        query.append(("X-Amz-SignedHeaders", "host"))
        let canonical = canonicalRequest(
            request, query: query, headers: [("host", request.host)], signedNames: "host", payloadHash: Self.unsignedPayload
        )
        return Self.canonicalQuery(query) + "&X-Amz-Signature=" + sign(canonical, at: time)
    }

    // MARK: - The algorithm

    private func scope(_ time: AmzTimestamp) -> String {
        "\(time.date)/\(region)/\(service)/aws4_request"
    }

    private func canonicalRequest(
        _ request: Request, query: [(name: String, value: String)], headers: [(name: String, value: String)],
        signedNames: String, payloadHash: String
    ) -> String {
        [
            request.method,
            request.path.isEmpty ? "/" : request.path,
            Self.canonicalQuery(query),
            headers.map { "\($0.name):\($0.value)\n" }.joined(),
            signedNames,
            payloadHash,
        ].joined(separator: "\n")
    }

    private func sign(_ canonicalRequest: String, at time: AmzTimestamp) -> String {
        let stringToSign = [
            "AWS4-HMAC-SHA256", time.dateTime, scope(time), SHA256.hex(Array(canonicalRequest.utf8)),
        ].joined(separator: "\n")
        var key = HMACSHA256.authenticate(Array(time.date.utf8), key: Array("AWS4\(secretAccessKey)".utf8))
        for part in [region, service, "aws4_request"] {
            key = HMACSHA256.authenticate(Array(part.utf8), key: key)
        }
        return Hex.encode(HMACSHA256.authenticate(Array(stringToSign.utf8), key: key))
    }

    /// Parameters sorted by encoded name then value, each `name=value` URI-encoded.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (name: uriEncode($0.name), value: uriEncode($0.value)) }
            .sorted { $0.name == $1.name ? $0.value < $1.value : $0.name < $1.name }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters (and `/` when asked,
    /// for object keys in a path).
    public static func uriEncode(_ text: String, keepingSlash: Bool = false) -> String {
        var out = ""
        for byte in text.utf8 {
            let unreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E || (keepingSlash && byte == 0x2F)
            if unreserved {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Header values are signed with surrounding spaces trimmed and inner runs of spaces folded.
    private static func trimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
