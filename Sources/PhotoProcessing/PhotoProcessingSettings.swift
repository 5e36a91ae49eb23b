import FieldOpsCore

/// How photos are checked and derived, read once from the environment.
public struct PhotoProcessingSettings: Sendable {
    /// Uploads with more pixels are refused from their header (50 MP covers every phone camera
    /// but the 108 MP ones, and keeps a decode well under 200 MB).
    public var maxPixels: Int
    public var jpegQuality: Int
    /// Keep the original's EXIF (camera, GPS) in the watermarked JPEG; thumbnails never carry it.
    /// A tenant's privacy choice (`photo_settings.keep_exif`), set by the photo worker per photo.
    public var keepEXIF: Bool
    /// Bounding boxes of the thumbnails, largest first.
    public var thumbnailSizes: [Int]
    /// The band's share of the image height.
    public var bandHeightRatio: Double
    /// A Pango font family and style; the size comes from the layout.
    public var font: String

    public init(
        maxPixels: Int = 50_000_000, jpegQuality: Int = 85, keepEXIF: Bool = false, thumbnailSizes: [Int] = [1600, 400],
        bandHeightRatio: Double = 0.12, font: String = "DejaVu Sans Bold"
    ) {
        self.maxPixels = maxPixels
        self.jpegQuality = jpegQuality
        self.keepEXIF = keepEXIF
        self.thumbnailSizes = thumbnailSizes.sorted(by: >)
        self.bandHeightRatio = bandHeightRatio
        self.font = font
    }

    /// `FIELDOPS_PHOTO_MAX_PIXELS`, `FIELDOPS_PHOTO_JPEG_QUALITY` (1–100), `FIELDOPS_PHOTO_BAND_PERCENT`
    /// (of the height, 2–50). EXIF is stripped here; each tenant chooses for its own photos.
    public init(environment: Environment) throws(ConfigurationError) {
        let defaults = PhotoProcessingSettings()
        let quality = try environment.int("FIELDOPS_PHOTO_JPEG_QUALITY", default: defaults.jpegQuality)
        guard (1...100).contains(quality) else {
            throw ConfigurationError(variable: "FIELDOPS_PHOTO_JPEG_QUALITY", value: "\(quality)", expected: "1 to 100")
        }
        let bandPercent = try environment.int("FIELDOPS_PHOTO_BAND_PERCENT", default: 12)
        guard (2...50).contains(bandPercent) else {
            throw ConfigurationError(variable: "FIELDOPS_PHOTO_BAND_PERCENT", value: "\(bandPercent)", expected: "2 to 50")
        }
        let maxPixels = try environment.int("FIELDOPS_PHOTO_MAX_PIXELS", default: defaults.maxPixels)
        guard maxPixels > 0 else {
            throw ConfigurationError(variable: "FIELDOPS_PHOTO_MAX_PIXELS", value: "\(maxPixels)", expected: "a positive number of pixels")
        }
        self.init(
            maxPixels: maxPixels, jpegQuality: quality, bandHeightRatio: Double(bandPercent) / 100
        )
    }
}
