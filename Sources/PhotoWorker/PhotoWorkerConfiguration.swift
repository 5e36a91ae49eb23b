import BlobStore
import FieldOpsCore
import PhotoProcessing

/// What the photo worker reads from the environment at start-up, besides the host's settings.
public struct PhotoWorkerConfiguration: Sendable {
    public var processing: PhotoProcessingSettings
    public var blobStore: BlobStoreConfiguration
    /// How far declared and EXIF capture times may differ before the photo is flagged.
    public var captureTimeTolerance: Duration

    public init(processing: PhotoProcessingSettings, blobStore: BlobStoreConfiguration, captureTimeTolerance: Duration = .seconds(600)) {
        self.processing = processing
        self.blobStore = blobStore
        self.captureTimeTolerance = captureTimeTolerance
    }

    /// `PhotoProcessingSettings` and `BlobStoreConfiguration` variables, and
    /// `FIELDOPS_PHOTO_TIME_TOLERANCE_SECONDS` (600).
    public init(environment: Environment) throws(ConfigurationError) {
        self.init(
            processing: try PhotoProcessingSettings(environment: environment),
            blobStore: try BlobStoreConfiguration(environment: environment),
            captureTimeTolerance: .seconds(try environment.int("FIELDOPS_PHOTO_TIME_TOLERANCE_SECONDS", default: 600))
        )
    }
}
