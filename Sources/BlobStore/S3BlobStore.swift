import FieldOpsCore
import FieldOpsCrypto
import HTTPClient

/// Blobs in an S3-compatible bucket (AWS S3, SeaweedFS, MinIO, Ceph RGW), over libcurl with
/// requests signed by `SigV4Signer`. A single `PUT` replaces an object atomically; objects above the
/// configured threshold go up as a multipart upload, which S3 also makes visible only once complete.
public final class S3BlobStore: BlobStore, PresignedURLProvider {
    public let configuration: S3Configuration
    private let client = HTTPClient()
    private let signer: SigV4Signer
    /// Reads and writes local files (uploads from a path, downloads to one) off the cooperative pool.
    private let io = BlobIOThread()

    public init(configuration: S3Configuration) {
        self.configuration = configuration
        signer = SigV4Signer(accessKeyID: configuration.accessKeyID, secretAccessKey: configuration.secretAccessKey, region: configuration.region)
    }

    public func put(bytes: [UInt8], key: BlobKey, contentType: String) async throws(BlobStoreError) -> BlobMetadata {
        try await put(size: Int64(bytes.count), key: key, contentType: contentType) { offset, count in
            // A single PUT sends the array itself; only parts are copied out of it.
            let part = count == bytes.count ? bytes : Array(bytes[Int(offset)..<Int(offset + count)])
            return SignedBody(body: .bytes(part), sha256: SHA256.hex(part))
        }
    }

    /// Sends the file straight from disk, a part at a time: memory does not grow with its size. Each
    /// part is read twice, once for the SHA-256 its signature carries and once while it is sent.
    public func put(file path: String, key: BlobKey, contentType: String) async throws(BlobStoreError) -> BlobMetadata {
        let size = try await io.perform { () throws(BlobStoreError) in try LocalFiles.size(of: path) }
        return try await put(size: size, key: key, contentType: contentType) { [io] offset, count throws(BlobStoreError) in
            let sha256 = try await io.perform { () throws(BlobStoreError) in try LocalFiles.sha256Hex(of: path, offset: offset, count: count) }
            return SignedBody(body: .file(path: path, offset: offset, count: count), sha256: sha256)
        }
    }

    /// One `PUT` up to the multipart threshold, else a multipart upload; `body` gives the bytes from
    /// an offset, with their hash.
    private func put(
        size: Int64, key: BlobKey, contentType: String, body: (_ offset: Int64, _ count: Int64) async throws(BlobStoreError) -> SignedBody
    ) async throws(BlobStoreError) -> BlobMetadata {
        if size > configuration.multipartThreshold {
            try await uploadInParts(key: key, contentType: contentType, size: size, part: body)
        } else {
            let response = try await send("PUT", key: key, headers: [("Content-Type", contentType)], body: try await body(0, size))
            guard response.isSuccess else { throw failure(response, "PUT", key) }
        }
        return BlobMetadata(key: key, size: size, contentType: contentType)
    }

    public func get(_ key: BlobKey) async throws(BlobStoreError) -> [UInt8] {
        let response = try await send("GET", key: key)
        guard response.status == 200 else { throw failure(response, "GET", key) }
        return response.body
    }

    public func download(_ key: BlobKey, to path: String) async throws(BlobStoreError) {
        let bytes = try await get(key)
        _ = try await io.perform { () throws(BlobStoreError) in
            try LocalFiles.atomicWrite(to: path) { descriptor throws(BlobStoreError) in
                try LocalFiles.writeAll(bytes, to: descriptor, path: path)
                return Int64(bytes.count)
            }
        }
    }

    public func head(_ key: BlobKey) async throws(BlobStoreError) -> BlobMetadata? {
        let response = try await send("HEAD", key: key)
        if response.status == 404 { return nil }
        guard response.status == 200 else { throw failure(response, "HEAD", key) }
        guard let length = response.header("Content-Length").flatMap({ Int64($0) }) else {
            throw BlobStoreError(code: .unexpectedResponse, message: "HEAD \(key): no Content-Length")
        }
        return BlobMetadata(key: key, size: length, contentType: response.header("Content-Type") ?? "application/octet-stream")
    }

    public func delete(_ key: BlobKey) async throws(BlobStoreError) {
        let response = try await send("DELETE", key: key)
        guard response.isSuccess || response.status == 404 else { throw failure(response, "DELETE", key) }
    }

    public func presignedGetURL(for key: BlobKey, lifetime: Duration) -> String {
        presignedGetURL(for: key, lifetime: lifetime, signedAt: .now())
    }

    /// A presigned URL as of `signedAt`; S3 refuses it once `lifetime` (1 s to 7 days) has passed.
    public func presignedGetURL(for key: BlobKey, lifetime: Duration, signedAt: AmzTimestamp) -> String {
        let seconds = min(max(Int(lifetime.components.seconds), 1), 604_800)
        let request = SigV4Signer.Request(method: "GET", host: configuration.host, path: path(of: key))
        return configuration.endpoint + request.path + "?" + signer.presignedQuery(for: request, expiresInSeconds: seconds, at: signedAt)
    }

    /// Creates the bucket when it does not exist yet (deployments usually create it beforehand).
    public func createBucketIfMissing() async throws(BlobStoreError) {
        let response = try await send("PUT", key: nil)
        guard response.isSuccess || S3XML.text(of: "Code", in: response.body) == "BucketAlreadyOwnedByYou" else {
            throw failure(response, "PUT bucket", nil)
        }
    }

    // MARK: - Requests

    /// A request body and the hex SHA-256 its signature carries.
    struct SignedBody {
        let body: HTTPClientRequest.Body
        let sha256: String
    }

    /// One signed request on the bucket (`key` nil) or on an object.
    func send(
        _ method: String, key: BlobKey?, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) async throws(BlobStoreError) -> HTTPClientResponse {
        try await send(method, key: key, query: query, headers: headers, body: SignedBody(body: .bytes(body), sha256: SHA256.hex(body)))
    }

    func send(
        _ method: String, key: BlobKey?, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: SignedBody
    ) async throws(BlobStoreError) -> HTTPClientResponse {
        let request = SigV4Signer.Request(method: method, host: configuration.host, path: path(of: key), query: query)
        let signature = signer.authorizationHeaders(for: request, payloadHash: body.sha256, at: .now())
        let queryString = query.isEmpty ? "" : "?" + SigV4Signer.canonicalQuery(query)
        do {
            return try await client.execute(HTTPClientRequest(
                method: method, url: configuration.endpoint + request.path + queryString, headers: headers + signature,
                sending: body.body, timeout: configuration.requestTimeout
            ))
        } catch {
            throw BlobStoreError(code: .io, message: "\(method) \(key?.value ?? configuration.bucket): \(error.description)")
        }
    }

    /// The error for an answer that is not the expected one, with S3's own code and message.
    func failure(_ response: HTTPClientResponse, _ operation: String, _ key: BlobKey?) -> BlobStoreError {
        let s3Code = S3XML.text(of: "Code", in: response.body) ?? "HTTP \(response.status)"
        let detail = S3XML.text(of: "Message", in: response.body).map { ": \($0)" } ?? ""
        let message = "\(operation) \(key?.value ?? configuration.bucket) → \(response.status) \(s3Code)\(detail)"
        switch response.status {
        case 401, 403: return BlobStoreError(code: .accessDenied, message: message)
        case 404: return BlobStoreError(code: .notFound, message: message)
        default: return BlobStoreError(code: .unexpectedResponse, message: message)
        }
    }

    /// `/bucket/key`, each key segment URI-encoded (keys are restricted to safe characters anyway).
    private func path(of key: BlobKey?) -> String {
        "/" + configuration.bucket + (key.map { "/" + SigV4Signer.uriEncode($0.value, keepingSlash: true) } ?? "")
    }
}
