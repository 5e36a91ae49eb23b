/// The watermark's geometry and colours, as a pure function of the image size, the text, the band's
/// share of the height and the brightness beneath it. No fonts are opened: text width is estimated
/// from an average advance, and the pipeline clips a line that still comes out wider.
public enum WatermarkLayoutEngine {
    /// Line height as a multiple of the font size.
    static let lineSpacing = 1.25
    /// Average advance of DejaVu Sans Bold, in ems, for mixed text and digits.
    static let averageAdvance = 0.62
    /// Below this a line is no longer legible on a phone screen.
    static let minimumFontSize = 8
    /// WCAG AAA for normal text.
    static let targetContrast = 7.0

    /// - Parameters:
    ///   - bandHeightRatio: the band's share of the image height (0.12 is about one-eighth).
    ///   - logoAspectRatio: the logo's width / height, when there is one.
    public static func layout(
        imageWidth: Int, imageHeight: Int, lines: [String], bandHeightRatio: Double, logoAspectRatio: Double? = nil
    ) -> WatermarkLayout {
        let lineCount = max(lines.count, 1)
        // Never less than what the minimum font needs (all of a tiny photo), at most half the photo otherwise.
        let minimumBand = Int((Double(lineCount * minimumFontSize) * lineSpacing).rounded(.up)) + 4
        let wanted = Int((Double(imageHeight) * min(max(bandHeightRatio, 0.02), 0.5)).rounded())
        let bandHeight = min(imageHeight, max(wanted, minimumBand))
        let band = PixelRect(x: 0, y: imageHeight - bandHeight, width: imageWidth, height: bandHeight)
        let padding = max(2, Int((Double(bandHeight) * 0.08).rounded()))
        let lineHeight = max(1, (bandHeight - 2 * padding) / lineCount)

        var logo: PixelRect?
        if let logoAspectRatio, logoAspectRatio > 0 {
            let height = bandHeight - 2 * padding
            let width = min(Int((Double(height) * logoAspectRatio).rounded()), imageWidth / 4)
            if width > 0, height > 0 { logo = PixelRect(x: imageWidth - padding - width, y: padding, width: width, height: height) }
        }
        let textWidth = max(1, imageWidth - 2 * padding - (logo.map { $0.width + padding } ?? 0))

        let longest = lines.map(\.count).max() ?? 0
        let byHeight = Int(Double(lineHeight) / lineSpacing)
        let byWidth = longest == 0 ? byHeight : Int(Double(textWidth) / (Double(longest) * averageAdvance))
        let fontSize = max(minimumFontSize, min(byHeight, byWidth))
        let placed = lines.enumerated().map { index, text in
            PlacedLine(text: text, x: padding, y: padding + index * lineHeight + max(0, (lineHeight - fontSize) / 2), maxWidth: textWidth)
        }
        return WatermarkLayout(band: band, fontSize: fontSize, lines: placed, logo: logo)
    }

    /// White text on a dark band whose opacity grows with the brightness beneath, so the contrast
    /// ratio reaches 7:1 on any photo (capped at 90 % so the scene still shows through), and the band
    /// stays visible (at least 45 %) on a dark one.
    ///
    /// - Parameter backgroundLevel: the mean 0…255 level of the photo under the band.
    public static func colours(backgroundLevel: Double) -> WatermarkColours {
        let luminance = linearised(min(max(backgroundLevel, 0), 255) / 255)
        let needed = luminance > 0 ? 1 - (1.05 / targetContrast - 0.05) / luminance : 0
        // A hair above the exact solution, so rounding cannot land just under 7:1.
        let opacity = min(max(needed + 1e-9, 0.45), 0.9)
        let bandLuminance = (1 - opacity) * luminance
        return WatermarkColours(bandOpacity: opacity, textLevel: 255, contrastRatio: 1.05 / (bandLuminance + 0.05))
    }

    /// sRGB transfer function → linear light (WCAG relative luminance of a grey).
    static func linearised(_ value: Double) -> Double {
        value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
}

#if canImport(Glibc)
import Glibc
#endif
