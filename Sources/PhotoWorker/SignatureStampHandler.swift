import BlobStore
import Commands
import Foundation
import Mesh
import PhotoProcessing
import Postgres
import Tenancy

/// Handles `signature.stamp.v1`: fetches the image of a handwritten signature, stamps it through
/// the photo pipeline (on white, with a band naming the signer, the time in the site's zone, the
/// position, the intervention and the summary's short hash), stores the stamped JPEG and completes
/// the `signature_images` row through the inbox. A redelivery changes nothing.
public struct SignatureStampHandler: MessageHandler {
    /// The job's result.
    public struct Stamped: Encodable, Sendable {
        public let signatureID: String
        public let stampedSHA256: String

        enum CodingKeys: String, CodingKey {
            case signatureID = "signature_id", stampedSHA256 = "stamped_sha256"
        }
    }

    let pipeline: PhotoPipeline
    let blobs: any BlobStore
    let tenantPool: PhotoWatermarkHandler.TenantPoolProvider
    let usage: TenantUsage

    /// Signatures never keep EXIF, whatever the tenant chose for photos: a signing pad has none worth
    /// keeping, and a photographed signature's camera data is not part of what was signed.
    public init(
        configuration: PhotoWorkerConfiguration, blobs: any BlobStore, tenantPool: @escaping PhotoWatermarkHandler.TenantPoolProvider,
        usage: TenantUsage
    ) {
        var settings = configuration.processing
        settings.keepEXIF = false
        // Only the stamped image is stored: no thumbnails to make.
        settings.thumbnailSizes = []
        pipeline = PhotoPipeline(settings: settings)
        self.blobs = blobs
        self.tenantPool = tenantPool
        self.usage = usage
    }

    public func handle(_ message: SignatureStampCommand, context: MessageContext) async throws -> Stamped {
        let pool = try await tenantPool(context.tenant)
        guard let signatureID = UUID(uuidString: message.signatureID), let subject = try await SignatureSubject.load(signatureID, from: pool) else {
            throw PhotoRejected(reason: "no image of signature \(message.signatureID) in tenant \(context.tenant)")
        }
        guard subject.interventionID == message.interventionID.lowercased() else {
            throw PhotoRejected(reason: "signature \(message.signatureID) belongs to intervention \(subject.interventionID), not \(message.interventionID)")
        }
        // Stamped already (this command published twice): the image is final.
        if subject.status == "processed", let stamped = subject.stampedSHA256 {
            return Stamped(signatureID: message.signatureID, stampedSHA256: stamped)
        }
        let processed: ProcessedPhoto
        do {
            processed = try await stamp(subject)
        } catch let rejection as PhotoRejected {
            try await pool.query("""
                UPDATE signature_images SET status = 'failed', failure_reason = \(rejection.reason)
                WHERE signature_id = \(signatureID) AND status = 'queued'
                """)
            throw rejection
        }
        let key = try BlobKey("\(context.tenant)/signatures/\(subject.interventionID)/\(message.signatureID.lowercased())/stamped.jpg")
        _ = try await blobs.put(bytes: processed.watermarked.bytes, key: key, contentType: "image/jpeg")

        let outcome = try await Inbox.process(messageID: context.messageID, queue: context.queue, pool: pool) { connection in
            try await connection.query("""
                UPDATE signature_images SET status = 'processed', failure_reason = NULL, processed_at = now(),
                    stamped_key = \(key.value), stamped_sha256 = \(processed.watermarked.sha256),
                    width = \(processed.width), height = \(processed.height)
                WHERE signature_id = \(signatureID) AND status = 'queued'
                """)
        }
        if case .processed = outcome {
            await usage.recordEvidence(
                [.storageBytes: Int64(subject.sizeBytes + processed.watermarked.bytes.count)], tenant: context.tenant, context: context
            )
        }
        return Stamped(signatureID: message.signatureID, stampedSHA256: processed.watermarked.sha256)
    }

    private func stamp(_ subject: SignatureSubject) async throws -> ProcessedPhoto {
        let original = try await blobs.original(at: subject.originalKey)
        let lines = WatermarkText.signatureLines(
            signerName: subject.signerName, signerRole: subject.signerRole, signedAt: subject.signedAt, timeZone: subject.timeZone,
            position: subject.position, interventionReference: subject.interventionReference, summarySHA256: subject.summarySHA256
        )
        return try await PhotoRejected.parkingUnusableFiles { () async throws(PhotoError) in
            try await pipeline.stampSignatureOnOwnThread(original, lines: lines)
        }
    }
}
