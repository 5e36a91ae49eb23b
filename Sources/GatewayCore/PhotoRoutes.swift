import BlobStore
import Commands
import Domain
import FieldOpsCore
import FieldOpsCrypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPServer
import Identity
import Mesh
import PhotoProcessing
import Postgres
import Tenancy

/// Photo evidence of an intervention.
///
/// * `POST /v1/interventions/{id}/photos`: the raw image as the body (JPEG, PNG, HEIC or WebP, told
///   by content), declarations as query parameters (see `PhotoDeclarations`). The header is read
///   before anything is stored: a non-image is `415`, a pixel bomb or damaged header `422`. The
///   original goes to the blob store under its SHA-256, the photo row is recorded (`queued`) and
///   `photo.watermark` published; `202` with the photo and its job.
/// * `GET /v1/interventions/{id}/photos` and `GET /v1/sites/{id}/photos` (every intervention of the
///   site): the photos with their evidence fields and short-lived signed URLs of the original, the
///   watermarked image and the two thumbnails (the S3 store's presigned URLs, or `GET /v1/blobs`
///   links the gateway signs and serves).
struct PhotoRoutes: Sendable {
    let settings: PhotoUploadSettings
    let blobs: any BlobStore
    let tenants: TenantDatabases
    let submitter: JobSubmitter
    let guarding: APIGuard

    static let template = "/v1/interventions/{id}/photos"

    func register(in router: inout Router) {
        router.post(Self.template, guarding.protect(Permission(.fieldwork, .create)) { [self] request, claims in try await upload(request, claims) })
        router.get(Self.template, guarding.protect(Permission(.fieldwork, .read)) { [self] request, claims in
            let (_, pool, interventionID) = try await intervention(request, claims)
            return try await list(
                pool.query("SELECT \(unescaped: Self.columns) FROM photos WHERE intervention_id = \(interventionID) ORDER BY created_at, id")
            )
        })
        router.get("/v1/sites/{id}/photos", guarding.protect(Permission(.fieldwork, .read)) { [self] request, claims in
            let (pool, siteID) = try await site(request, claims)
            return try await list(pool.query("""
                SELECT \(unescaped: Self.columns) FROM photos
                WHERE intervention_id IN (SELECT id FROM interventions WHERE site_id = \(siteID)) ORDER BY created_at, id
                """))
        })
    }

    private func upload(_ request: HTTPRequest, _ claims: AccessClaims) async throws -> HTTPResponse {
        let (tenant, pool, interventionID) = try await intervention(request, claims)
        let declarations: PhotoDeclarations
        do {
            declarations = try PhotoDeclarations(query: request.query)
        } catch {
            throw ValidationProblem(error, instance: request.path).httpError
        }
        let upload = try ImageUpload(request, settings: settings)
        let (header, digest) = (upload.header, upload.sha256)
        let key = try BlobKey.contentAddressed(prefix: "\(tenant)/photos", sha256: digest)
        _ = try await upload.body.store(in: blobs, key: key, contentType: header.format.mediaType)
        let photoID = UUID.random()
        try await pool.withTransaction { connection in
            // The audit trail names the uploader.
            try await connection.query("SELECT set_config('fieldops.actor', \(claims.subject), true)")
            try await connection.query("""
                INSERT INTO photos (id, intervention_id, uploaded_by, content_type, size_bytes, original_key, original_sha256,
                                    declared_capture_at, latitude, longitude, accuracy_m, note)
                VALUES (\(photoID), \(interventionID), \(claims.subject), \(header.format.mediaType), \(upload.body.byteCount), \(key.value),
                        \(Hex.encode(digest)), \(declarations.capturedAt), \(declarations.latitude), \(declarations.longitude),
                        \(declarations.accuracyMetres), \(declarations.note))
                """)
        }
        let command = PhotoWatermarkCommand(photoID: photoID.uuidString.lowercased(), interventionID: interventionID.uuidString.lowercased())
        let job = try await submitter.enqueue(command, routingKey: PhotoWatermarkCommand.routingKey, claims: claims, request: request) {
            _ = try? await pool.query("DELETE FROM photos WHERE id = \(photoID)")
        }
        try await pool.query("UPDATE photos SET job_id = \(UUID(uuidString: job.id)) WHERE id = \(photoID)")
        return try .json(
            AcceptedImage(id: command.photoID, interventionID: command.interventionID, upload: upload, job: job),
            status: 202, headers: ["Location": job.location]
        )
    }

    /// What a listing reads of each photo, in the order `list` decodes it.
    private static let columns = """
        id::text, status, content_type, size_bytes, original_key, original_sha256, watermarked_key, watermarked_sha256,
        preview_key, thumbnail_key, width, height, declared_capture_at, exif_capture_at, capture_time_mismatch,
        latitude, longitude, accuracy_m, distance_m, outside_geofence, note, failure_reason, created_at
        """

    private func list(_ rows: PostgresRows) throws -> HTTPResponse {
        let links = BlobLinks(blobs: blobs, settings: settings)
        let url = links.url
        let photos = try rows.map { row in
            let (id, status, contentType, size, originalKey, originalSHA256, watermarkedKey, watermarkedSHA256, previewKey, thumbnailKey) =
                try row.decode((String, String, String, Int, String, String, String?, String?, String?, String?).self)
            let (width, height, declared, exif, mismatch, latitude, longitude, accuracy, distance, outside, note, failure, created) = (
                try row.decode(Int?.self, at: 10), try row.decode(Int?.self, at: 11), try row.decode(Date?.self, at: 12),
                try row.decode(Date?.self, at: 13), try row.decode(Bool?.self, at: 14), try row.decode(Double?.self, at: 15),
                try row.decode(Double?.self, at: 16), try row.decode(Double?.self, at: 17), try row.decode(Double?.self, at: 18),
                try row.decode(Bool?.self, at: 19), try row.decode(String.self, at: 20), try row.decode(String?.self, at: 21),
                try row.decode(Date.self, at: 22)
            )
            return PhotoSummary(
                id: id, status: status, contentType: contentType, sizeBytes: size, originalSHA256: originalSHA256,
                watermarkedSHA256: watermarkedSHA256, width: width, height: height, declaredCaptureAt: declared, exifCaptureAt: exif,
                captureTimeMismatch: mismatch, latitude: latitude, longitude: longitude, accuracyMetres: accuracy, distanceMetres: distance,
                outsideGeofence: outside, note: note, failureReason: failure, createdAt: created,
                urls: PhotoSummary.URLs(
                    original: url(originalKey), watermarked: url(watermarkedKey), preview: url(previewKey), thumbnail: url(thumbnailKey)
                )
            )
        }
        return try .json(PhotoList(photos: photos, urlsExpireInSeconds: links.lifetimeSeconds))
    }

    /// The caller's tenant database and the site of the path, which must be in it.
    private func site(_ request: HTTPRequest, _ claims: AccessClaims) async throws -> (PostgresPool, UUID) {
        guard let tenant = claims.tenant else {
            throw HTTPError(status: 403, detail: "Photos belong to a tenant; use a tenant user's token.")
        }
        let id = try request.uuid(naming: "site")
        let pool = try await tenants.pool(for: tenant)
        guard try await !pool.query("SELECT 1 FROM sites WHERE id = \(id)").isEmpty else { throw HTTPError.notFound("No such site.") }
        return (pool, id)
    }

    /// The caller's tenant database and the intervention of the path, which must be in it: another
    /// tenant's intervention is not in this database, so it is `404` like one that does not exist.
    private func intervention(_ request: HTTPRequest, _ claims: AccessClaims) async throws -> (String, PostgresPool, UUID) {
        guard let tenant = claims.tenant else {
            throw HTTPError(status: 403, detail: "Photos belong to a tenant; use a tenant user's token.")
        }
        let id = try request.uuid(naming: "intervention")
        let pool = try await tenants.pool(for: tenant)
        guard try await !pool.query("SELECT 1 FROM interventions WHERE id = \(id)").isEmpty else {
            throw HTTPError.notFound("No such intervention.")
        }
        return (tenant, pool, id)
    }
}
