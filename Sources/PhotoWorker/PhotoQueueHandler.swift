import BlobStore
import Commands
import Mesh
import Tenancy

/// The photo worker's handler for `fieldops.photo`: photos go to `PhotoWatermarkHandler`, signature
/// images to `SignatureStampHandler`, over the same pipeline settings, blob store and databases.
public struct PhotoQueueHandler: MessageHandler {
    public enum Output: Encodable, Sendable {
        case photo(PhotoProcessedEvent)
        case signature(SignatureStampHandler.Stamped)

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .photo(let event): try event.encode(to: encoder)
            case .signature(let stamped): try stamped.encode(to: encoder)
            }
        }
    }

    let photos: PhotoWatermarkHandler
    let signatures: SignatureStampHandler

    public init(
        configuration: PhotoWorkerConfiguration, blobs: any BlobStore, tenantPool: @escaping PhotoWatermarkHandler.TenantPoolProvider,
        events: MeshPublisher, usage: TenantUsage
    ) {
        photos = PhotoWatermarkHandler(configuration: configuration, blobs: blobs, tenantPool: tenantPool, events: events, usage: usage)
        signatures = SignatureStampHandler(configuration: configuration, blobs: blobs, tenantPool: tenantPool, usage: usage)
    }

    public func handle(_ message: PhotoQueueMessage, context: MessageContext) async throws -> Output {
        switch message {
        case .watermark(let command): .photo(try await photos.handle(command, context: context))
        case .stampSignature(let command): .signature(try await signatures.handle(command, context: context))
        }
    }
}
