import BlobStore
#if canImport(Glibc)
import Glibc
#endif
import HTTPServer

/// `GET /v1/blobs?key&expires&signature`: a blob through a URL the gateway signed (`BlobURLSigner`).
/// The signature is the authorisation, as with an S3 presigned URL, so there is no bearer token.
struct BlobRoutes: Sendable {
    let blobs: any BlobStore
    let signer: BlobURLSigner

    func register(in router: inout Router) {
        router.get(BlobURLSigner.path) { [blobs, signer] request in
            guard let key = signer.verify(
                key: request.query("key"), expires: request.query("expires"), signature: request.query("signature"), now: Int64(time(nil))
            ) else {
                throw HTTPError(status: 403, detail: "The link is invalid or has expired.")
            }
            guard let metadata = try await blobs.head(key) else { throw HTTPError.notFound("No such file.") }
            return HTTPResponse(
                status: 200, headers: ["Content-Type": metadata.contentType, "Cache-Control": "private, max-age=60"],
                body: try await blobs.get(key)
            )
        }
    }
}
