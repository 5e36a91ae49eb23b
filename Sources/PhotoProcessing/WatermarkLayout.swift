/// A rectangle in pixels, origin at the top left.
public struct PixelRect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        (self.x, self.y, self.width, self.height) = (x, y, width, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
}

/// One line of text placed in the band: its top-left corner relative to the band, and the width
/// it must not exceed.
public struct PlacedLine: Sendable, Equatable {
    public var text: String
    public var x: Int
    public var y: Int
    public var maxWidth: Int
}

/// Where everything of a watermark goes, in pixels of the (already rotated) image.
public struct WatermarkLayout: Sendable, Equatable {
    /// The band across the bottom of the image.
    public var band: PixelRect
    /// Pixels per em, the same for every line.
    public var fontSize: Int
    public var lines: [PlacedLine]
    /// The logo's box relative to the band, at its right end, when there is a logo.
    public var logo: PixelRect?
}

/// How dark the band is and how bright its text, chosen for legibility over the photo beneath.
public struct WatermarkColours: Sendable, Equatable {
    /// 0…1: how much of the photo the dark band hides.
    public var bandOpacity: Double
    /// 0…255 grey level of the text.
    public var textLevel: Int
    /// The WCAG contrast ratio of the text against the band over the measured background.
    public var contrastRatio: Double
}
