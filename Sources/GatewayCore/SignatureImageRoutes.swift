import BlobStore
import Commands
import Domain
import FieldOpsCrypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPServer
import PhotoProcessing
import Postgres

/// Images of handwritten signatures, stamped by the photo worker:
///
/// * `POST /v1/interventions/{id}/signatures/{signature_id}/image`: the raw PNG (alpha welcome) or
///   JPEG as the body, checked like a photo before anything is stored (size `413`, type by content
///   `415`, pixel limit from the header `422`). A signature never changes, so a second image is
///   `409`. The original goes to the blob store under its SHA-256, the `signature_images` row is
///   recorded (`queued`) and `signature.stamp` published; `202` with the job.
/// * `GET /v1/interventions/{id}/signatures`: the signatures with the hash of what each approves and,
///   when it has one, its image: hashes, dimensions and short-lived signed URLs of the original and
///   the stamped JPEG.
struct SignatureImageRoutes: Sendable {
    let routing: TenantRouting
    let settings: PhotoUploadSettings
    let blobs: any BlobStore
    let submitter: JobSubmitter

    func register(in router: inout Router) {
        router.post("/v1/interventions/{id}/signatures/{signature_id}/image", routing.protect(Permission(.fieldwork, .create)) { [self] request in
            try await upload(request)
        })
        router.get("/v1/interventions/{id}/signatures", routing.protect(Permission(.fieldwork, .read)) { [self] request in
            try await list(request)
        })
    }

    private func upload(_ request: TenantRequest) async throws -> HTTPResponse {
        let interventionID = try request.http.uuid(naming: "intervention")
        let signatureID = try request.http.uuid("signature_id", naming: "signature")
        let pool = request.pool
        let found = try await pool.query("""
            SELECT EXISTS (SELECT 1 FROM signature_images WHERE signature_id = g.id) FROM signatures g
            WHERE g.id = \(signatureID) AND g.intervention_id = \(interventionID)
            """).decode(Bool.self)
        guard let hasImage = found.first else { throw HTTPError.notFound("No such signature.") }
        guard !hasImage else { throw Self.alreadyHasImage }
        let upload = try ImageUpload(request.http, settings: settings, formats: SignatureCanvas.formats)

        let tenant = request.claims.tenant ?? ""
        let key = try BlobKey.contentAddressed(prefix: "\(tenant)/signatures", sha256: upload.sha256)
        _ = try await upload.body.store(in: blobs, key: key, contentType: upload.header.format.mediaType)
        let inserted = try await pool.withTransaction { connection in
            try await request.audit.apply(on: connection)
            return try await connection.query("""
                INSERT INTO signature_images (signature_id, uploaded_by, content_type, size_bytes, original_key, original_sha256)
                VALUES (\(signatureID), \(request.userID), \(upload.header.format.mediaType), \(upload.body.byteCount), \(key.value),
                        \(Hex.encode(upload.sha256)))
                ON CONFLICT (signature_id) DO NOTHING RETURNING 1
                """)
        }
        // Two uploads raced: the first one's row stands.
        guard !inserted.isEmpty else { throw Self.alreadyHasImage }

        let command = SignatureStampCommand(signatureID: signatureID.uuidString.lowercased(), interventionID: interventionID.uuidString.lowercased())
        let job = try await submitter.enqueue(
            command, routingKey: SignatureStampCommand.routingKey, claims: request.claims, request: request.http
        ) {
            _ = try? await pool.query("DELETE FROM signature_images WHERE signature_id = \(signatureID)")
        }
        try await pool.query("UPDATE signature_images SET job_id = \(UUID(uuidString: job.id)) WHERE signature_id = \(signatureID)")
        return try .json(
            AcceptedImage(id: command.signatureID, interventionID: command.interventionID, upload: upload, job: job),
            status: 202, headers: ["Location": job.location]
        )
    }

    private static let alreadyHasImage = HTTPError(ProblemDetails(
        status: 409, title: "Signature already has an image", detail: "A signature never changes: its image is given once."
    ))

    private func list(_ request: TenantRequest) async throws -> HTTPResponse {
        let interventionID = try request.http.uuid(naming: "intervention")
        guard try await !request.pool.query("SELECT 1 FROM interventions WHERE id = \(interventionID)").isEmpty else {
            throw HTTPError.notFound("No such intervention.")
        }
        let rows = try await request.pool.query("""
            SELECT g.id::text, g.signer_name, g.signer_role, g.signed_at, g.latitude, g.longitude, encode(g.summary_sha256, 'hex'),
                   m.status, m.content_type, m.size_bytes, m.original_key, m.original_sha256, m.stamped_key, m.stamped_sha256,
                   m.width, m.height, m.failure_reason
            FROM signatures g LEFT JOIN signature_images m ON m.signature_id = g.id
            WHERE g.intervention_id = \(interventionID) ORDER BY g.signed_at, g.id
            """)
        let links = BlobLinks(blobs: blobs, settings: settings)
        let signatures = try rows.map { row in
            let (id, signer, role, signedAt, latitude, longitude, summary) = try row.decode((String, String, String, Date, Double?, Double?, String).self)
            let image = try row.decode(String?.self, at: 7).map { status in
                SignatureSummary.Image(
                    status: status, contentType: try row.decode(String.self, at: 8), sizeBytes: try row.decode(Int.self, at: 9),
                    originalSHA256: try row.decode(String.self, at: 11), stampedSHA256: try row.decode(String?.self, at: 13),
                    width: try row.decode(Int?.self, at: 14), height: try row.decode(Int?.self, at: 15),
                    failureReason: try row.decode(String?.self, at: 16),
                    urls: SignatureSummary.Image.URLs(
                        original: links.url(try row.decode(String.self, at: 10)), stamped: links.url(try row.decode(String?.self, at: 12))
                    )
                )
            }
            return SignatureSummary(
                id: id, signerName: signer, signerRole: role, signedAt: signedAt, latitude: latitude, longitude: longitude,
                summarySHA256: summary, image: image
            )
        }
        return try .json(SignatureList(signatures: signatures, urlsExpireInSeconds: links.lifetimeSeconds))
    }
}
