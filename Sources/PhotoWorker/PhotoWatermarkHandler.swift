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
    let pipeline: PhotoPipeline
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
        pipeline = PhotoPipeline(settings: configuration.processing)
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
            processed = try await derive(subject, tenant: context.tenant)
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
            // Metering lives in another database: counted once, after the commit. A failure here
            // under-counts one photo rather than failing evidence that is already recorded.
            let bytes = subject.sizeBytes + processed.watermarked.bytes.count + processed.thumbnails.reduce(0) { $0 + $1.bytes.count }
            do {
                try await usage.add([.photos: 1, .storageBytes: Int64(bytes)], to: .slug(context.tenant))
            } catch {
                context.logger.warning("photo usage not recorded", ["error": "\(error)", "photo.id": message.photoID])
            }
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

    /// The original through the pipeline, with the tenant's logo when it has one.
    private func derive(_ subject: PhotoSubject, tenant: String) async throws -> ProcessedPhoto {
        let original: [UInt8]
        do {
            let key = try BlobKey(subject.originalKey)
            original = try await blobs.get(key)
        } catch {
            guard error.code == .notFound || error.code == .invalidKey else { throw error }
            throw PhotoRejected(reason: "the original \(subject.originalKey) is not in the blob store")
        }
        let lines = WatermarkText.lines(
            capturedAt: subject.declaredCaptureAt ?? subject.uploadedAt, timeZone: subject.timeZone, position: subject.position,
            accuracyMetres: subject.accuracyMetres, siteName: subject.siteName, interventionReference: subject.interventionReference,
            technician: subject.technician, originalSHA256: subject.originalSHA256
        )
        let logo = try await logo(of: tenant)
        do {
            return try await pipeline.processOnOwnThread(original, lines: lines, logo: logo)
        } catch {
            guard error.code != .processingFailed else { throw error }
            throw PhotoRejected(reason: error.description)
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
