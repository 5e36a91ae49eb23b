import BlobStore
import FieldOpsCore
import PhotoProcessing

/// What the photo worker reads from the environment at start-up, besides the host's settings.
public struct PhotoWorkerConfiguration: Sendable {
    public var processing: PhotoProcessingSettings
    public var blobStore: BlobStoreConfiguration
    /// How far declared and EXIF capture times may differ before the photo is flagged.
    public var captureTimeTolerance: Duration
    /// How long a tenant's photo privacy choice is reused before it is read again.
    public var tenantSettingsLifetime: Duration

    public init(
        processing: PhotoProcessingSettings, blobStore: BlobStoreConfiguration, captureTimeTolerance: Duration = .seconds(600),
        tenantSettingsLifetime: Duration = .seconds(30)
    ) {
        self.processing = processing
        self.blobStore = blobStore
        self.captureTimeTolerance = captureTimeTolerance
        self.tenantSettingsLifetime = tenantSettingsLifetime
    }

    /// `PhotoProcessingSettings` and `BlobStoreConfiguration` variables,
    /// `FIELDOPS_PHOTO_TIME_TOLERANCE_SECONDS` (600) and `FIELDOPS_PHOTO_SETTINGS_CACHE_SECONDS` (30).
    public init(environment: Environment) throws(ConfigurationError) {
        let cacheSeconds = try environment.int("FIELDOPS_PHOTO_SETTINGS_CACHE_SECONDS", default: 30)
        guard (0...3600).contains(cacheSeconds) else {
            throw ConfigurationError(variable: "FIELDOPS_PHOTO_SETTINGS_CACHE_SECONDS", value: "\(cacheSeconds)", expected: "0 to 3600 seconds")
        }
        self.init(
            processing: try PhotoProcessingSettings(environment: environment),
            blobStore: try BlobStoreConfiguration(environment: environment),
            captureTimeTolerance: .seconds(try environment.int("FIELDOPS_PHOTO_TIME_TOLERANCE_SECONDS", default: 600)),
            tenantSettingsLifetime: .seconds(cacheSeconds)
        )
    }
}
