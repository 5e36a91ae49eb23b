import BlobStore
import Domain
import Foundation
import HTTPServer

/// Plans, permits and other site documents, with every revision kept:
///
///     POST /v1/documents/{id}/revisions                  the file as the raw body, its type in Content-Type → 201
///                                                        (hashed and stored from the spilled body, never read whole)
///     GET  /v1/documents/{id}/revisions                  newest first
///     GET  /v1/documents/{id}/revisions/{revision}/file  the file
struct DocumentRoutes {
    static let maximumBytes = 100 << 20
    static let acceptedTypes: Set<String> = [
        "application/pdf", "image/jpeg", "image/png", "image/vnd.dwg", "application/acad", "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream",
    ]

    let routing: TenantRouting
    let blobs: any BlobStore
    let revisions = DocumentRevisions()

    func register(in router: inout Router) {
        router.post("/v1/documents/{id}/revisions", routing.protect(Permission(.sites, .update)) { [blobs, revisions] request in
            let document = try request.http.uuid(naming: "document")
            // Another tenant's document reads as absent before anything about the upload is judged.
            guard try await revisions.documentExists(document, on: request.pool) else { throw HTTPError.notFound("No such document.") }
            let contentType = (request.http.headers["Content-Type"] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard Self.acceptedTypes.contains(contentType) else {
                throw HTTPError(status: 415, detail: "A document is one of: " + Self.acceptedTypes.sorted().joined(separator: ", ") + ".")
            }
            let upload = UploadBody(request.http)
            guard !upload.isEmpty else { throw HTTPError(status: 422, detail: "The document is empty.") }
            guard upload.byteCount <= Self.maximumBytes else { throw HTTPError(status: 413, detail: "A document is at most 100 MiB.") }
            let digest = try upload.sha256()
            let key = try BlobKey.contentAddressed(prefix: "\(request.claims.tenant ?? "")/documents", sha256: digest)
            _ = try await upload.store(in: blobs, key: key, contentType: contentType)
            guard let revision = try await revisions.add(
                documentID: document, blobKey: key.value, sha256: digest, contentType: contentType, sizeBytes: upload.byteCount,
                userID: request.userID, context: request.audit, on: request.pool
            ) else { throw HTTPError.notFound("No such document.") }
            return HTTPResponse(status: 201, headers: ["Content-Type": "application/json"], body: revision)
        })
        router.get("/v1/documents/{id}/revisions", routing.protect(Permission(.sites, .read)) { [revisions] request in
            guard let listed = try await revisions.list(documentID: try request.http.uuid(naming: "document"), on: request.pool) else {
                throw HTTPError.notFound("No such document.")
            }
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: listed)
        })
        router.get("/v1/documents/{id}/revisions/{revision}/file", routing.protect(Permission(.sites, .read)) { [blobs, revisions] request in
            guard let number = request.http.pathParameters["revision"].flatMap(Int.init),
                  let revision = try await revisions.find(documentID: try request.http.uuid(naming: "document"), revision: number, on: request.pool) else {
                throw HTTPError.notFound("No such revision.")
            }
            let bytes = try await blobs.get(try BlobKey(revision.blobKey))
            return HTTPResponse(status: 200, headers: ["Content-Type": revision.contentType, "Cache-Control": "private, max-age=3600"], body: bytes)
        })
    }
}
