/// One image the pipeline produced, with what the evidence record keeps of it.
public struct DerivedImage: Sendable {
    public let bytes: [UInt8]
    public let sha256: String
    public let width: Int
    public let height: Int
}

/// Everything the pipeline made of one original.
public struct ProcessedPhoto: Sendable {
    public let format: ImageFormat
    public let originalSHA256: String
    /// Upright (after the EXIF rotation).
    public let width: Int
    public let height: Int
    /// `DateTimeOriginal` from the EXIF data, when the camera wrote one.
    public let exifCaptureTime: ExifDateTime?
    public let watermarked: DerivedImage
    /// One per `PhotoProcessingSettings.thumbnailSizes`, in that order (largest first).
    public let thumbnails: [DerivedImage]
    public let layout: WatermarkLayout
    public let colours: WatermarkColours
}
