import FieldOpsCrypto
import HTTPServer
import Identity

/// Runs a POST under its `Idempotency-Key` (when the client sent one), with Stripe's semantics:
/// the first response is stored and replayed byte for byte to a retry; the same key with another
/// body is `422`; a retry while the first is still running is `409`. Responses with a 5xx status
/// are not stored, so the client may retry with the same key once we recover.
public struct IdempotentExecution: Sendable {
    public static let header = "Idempotency-Key"
    private let store: IdempotencyStore

    public init(store: IdempotencyStore) {
        self.store = store
    }

    public func run(_ request: HTTPRequest, claims: AccessClaims, _ handler: () async throws -> HTTPResponse) async throws -> HTTPResponse {
        guard let key = request.headers[Self.header] else { return try await handler() }
        guard (1...255).contains(key.utf8.count), key.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw HTTPError(status: 400, detail: "Idempotency-Key must be 1 to 255 visible ASCII characters.")
        }
        let scope = IdempotencyStore.Scope(tenant: claims.tenant ?? "platform", client: claims.subject, key: key)
        let fingerprint = try Self.fingerprint(request)

        switch try await store.claim(scope, requestHash: fingerprint) {
        case .replay(let stored):
            var headers = HTTPHeaders()
            for header in stored.headers { headers.add(header.name, header.value) }
            headers.set("Idempotent-Replayed", "true")
            return HTTPResponse(status: stored.status, headers: headers, body: stored.body)
        case .mismatch:
            throw HTTPError(status: 422, detail: "This Idempotency-Key was already used with a different request.")
        case .inProgress:
            throw HTTPError(status: 409, detail: "A request with this Idempotency-Key is still being processed; retry later.", headers: ["Retry-After": "1"])
        case .acquired:
            let response: HTTPResponse
            do {
                response = try await handler()
            } catch var error as HTTPError where error.problem.status < 500 {
                // A refusal is an answer too: replaying it keeps retries consistent. The instance is
                // filled here as the server would, so the replay is the same bytes.
                error.problem.instance = error.problem.instance ?? request.path
                try await store.complete(scope, requestHash: fingerprint, response: StoredResponse(error))
                throw error
            } catch {
                try? await store.release(scope, requestHash: fingerprint)
                throw error
            }
            guard response.status < 500, case .bytes(let body) = response.body else {
                try? await store.release(scope, requestHash: fingerprint)
                return response
            }
            try await store.complete(scope, requestHash: fingerprint, response: StoredResponse(
                status: response.status, headers: response.headers.map { .init(name: $0.name, value: $0.value) }, body: body
            ))
            return response
        }
    }
}

extension IdempotentExecution {
    /// SHA-256 of the method, path and body, the body read a chunk at a time: a retried upload is
    /// compared without holding it in memory.
    static func fingerprint(_ request: HTTPRequest) throws(HTTPError) -> [UInt8] {
        var hasher = SHA256Hasher()
        Array("\(request.method.rawValue) \(request.path)\n".utf8).withUnsafeBytes { hasher.update($0) }
        try UploadBody(request).digest(into: &hasher)
        return hasher.finalize()
    }
}

extension StoredResponse {
    /// The problem response a thrown `HTTPError` becomes.
    init(_ error: HTTPError) throws {
        let response = HTTPResponse.problem(error.problem, headers: error.headers)
        guard case .bytes(let body) = response.body else { throw error }
        self.init(status: response.status, headers: response.headers.map { .init(name: $0.name, value: $0.value) }, body: body)
    }
}
