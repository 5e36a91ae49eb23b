import BlobStore
import Commands
import FieldOpsCore
import Foundation
import Mesh
import PhotoProcessing
import Postgres
import Tenancy

/// Handles `photo.watermark.v1`: fetches the original, stamps and derives it, stores the derived
/// files, completes the evidence record through the inbox (a redelivery changes nothing) and
/// announces `photo.processed`.
public struct PhotoWatermarkHandler: MessageHandler {
    let configuration: PhotoWorkerConfiguration
    let privacy: TenantPhotoPrivacy
    let blobs: any BlobStore
    let tenantPool: TenantPoolProvider
    let events: MeshPublisher
    let usage: TenantUsage

    /// A tenant's database pool by slug: `TenantDatabases.pool(for:)` in the worker.
    public typealias TenantPoolProvider = @Sendable (String) async throws -> PostgresPool

    public init(
        configuration: PhotoWorkerConfiguration, blobs: any BlobStore, tenantPool: @escaping TenantPoolProvider, events: MeshPublisher,
        usage: TenantUsage
    ) {
        self.configuration = configuration
        privacy = TenantPhotoPrivacy(lifetime: configuration.tenantSettingsLifetime)
        self.blobs = blobs
        self.tenantPool = tenantPool
        self.events = events
        self.usage = usage
    }

    public func handle(_ message: PhotoWatermarkCommand, context: MessageContext) async throws -> PhotoProcessedEvent {
        let pool = try await tenantPool(context.tenant)
        guard let photoID = UUID(uuidString: message.photoID), let subject = try await PhotoSubject.load(photoID, from: pool) else {
            throw PhotoRejected(reason: "no photo \(message.photoID) in tenant \(context.tenant)")
        }
        guard subject.interventionID == message.interventionID.lowercased() else {
            throw PhotoRejected(reason: "photo \(message.photoID) belongs to intervention \(subject.interventionID), not \(message.interventionID)")
        }
        let processed: ProcessedPhoto
        do {
            processed = try await derive(subject, tenant: context.tenant, pool: pool)
        } catch let rejection as PhotoRejected {
            try await pool.query("""
                UPDATE photos SET status = 'failed', failure_reason = \(rejection.reason)
                WHERE id = \(photoID) AND status = 'queued'
                """)
            throw rejection
        }
        let assessment = EvidenceAssessment.assess(
            declaredCaptureAt: subject.declaredCaptureAt, exifCaptureTime: processed.exifCaptureTime, siteTimeZone: subject.timeZone,
            tolerance: configuration.captureTimeTolerance, position: subject.position, site: subject.site, geofence: subject.geofence
        )
        let keys = try DerivedKeys(tenant: context.tenant, subject: subject)
        _ = try await blobs.put(bytes: processed.watermarked.bytes, key: keys.watermarked, contentType: "image/jpeg")
        _ = try await blobs.put(bytes: processed.thumbnails[0].bytes, key: keys.preview, contentType: "image/jpeg")
        _ = try await blobs.put(bytes: processed.thumbnails[1].bytes, key: keys.thumbnail, contentType: "image/jpeg")

        // The record completes once: a redelivery finds its message id and leaves the row alone.
        let outcome = try await Inbox.process(messageID: context.messageID, queue: context.queue, pool: pool) { connection in
            try await connection.query("""
                UPDATE photos SET status = 'processed', failure_reason = NULL, processed_at = now(),
                    watermarked_key = \(keys.watermarked.value), watermarked_sha256 = \(processed.watermarked.sha256),
                    preview_key = \(keys.preview.value), preview_sha256 = \(processed.thumbnails[0].sha256),
                    thumbnail_key = \(keys.thumbnail.value), thumbnail_sha256 = \(processed.thumbnails[1].sha256),
                    width = \(processed.width), height = \(processed.height),
                    exif_capture_at = \(assessment.exifCaptureAt), capture_time_mismatch = \(assessment.captureTimeMismatch),
                    distance_m = \(assessment.distanceMetres), outside_geofence = \(assessment.outsideGeofence)
                WHERE id = \(photoID)
                """)
        }
        if case .processed = outcome {
            // Counted once: a redelivery finds the inbox entry and does not come here.
            let bytes = subject.sizeBytes + processed.watermarked.bytes.count + processed.thumbnails.reduce(0) { $0 + $1.bytes.count }
            await usage.recordEvidence([.photos: 1, .storageBytes: Int64(bytes)], tenant: context.tenant, context: context)
        }
        let event = PhotoProcessedEvent(
            photoID: message.photoID, interventionID: message.interventionID, watermarkedSHA256: processed.watermarked.sha256,
            captureTimeMismatch: assessment.captureTimeMismatch, outsideGeofence: assessment.outsideGeofence
        )
        // Published after the commit, on every delivery: a crash between the two is healed by the
        // redelivery, and consumers of events are idempotent by photo id.
        try await events.publish(
            event, exchange: MeshExchange.events, routingKey: PhotoProcessedEvent.routingKey, tenant: context.tenant,
            jobID: context.jobID, trace: context.trace.child()
        )
        return event
    }

    /// The original through the pipeline, with the tenant's logo when it has one, and its EXIF kept
    /// only when the tenant chose so.
    private func derive(_ subject: PhotoSubject, tenant: String, pool: PostgresPool) async throws -> ProcessedPhoto {
        let original = try await blobs.original(at: subject.originalKey)
        let lines = WatermarkText.lines(
            capturedAt: subject.declaredCaptureAt ?? subject.uploadedAt, timeZone: subject.timeZone, position: subject.position,
            accuracyMetres: subject.accuracyMetres, siteName: subject.siteName, interventionReference: subject.interventionReference,
            technician: subject.technician, originalSHA256: subject.originalSHA256
        )
        let logo = try await logo(of: tenant)
        var settings = configuration.processing
        settings.keepEXIF = try await privacy.keepsEXIF(tenant: tenant, pool: pool)
        let pipeline = PhotoPipeline(settings: settings)
        return try await PhotoRejected.parkingUnusableFiles { () async throws(PhotoError) in
            try await pipeline.processOnOwnThread(original, lines: lines, logo: logo)
        }
    }

    /// `<tenant>/branding/logo`, when the tenant uploaded one.
    private func logo(of tenant: String) async throws -> [UInt8]? {
        let key = try BlobKey("\(tenant)/branding/logo")
        do {
            return try await blobs.get(key)
        } catch {
            guard error.code == .notFound else { throw error }
            return nil
        }
    }
}
