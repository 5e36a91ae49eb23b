import CVips
import CVipsShims

/// A handwritten signature made ready for the evidence pipeline: turned upright, flattened on white
/// as on paper, with white room added below it for the band, so the stamp goes under the
/// handwriting and never hides a stroke of it.
public enum SignatureCanvas {
    /// What a signature image may be: a signing pad's PNG (usually with alpha) or a photographed JPEG.
    public static let formats: Set<ImageFormat> = [.png, .jpeg]

    /// Rows of white to add below a `width`×`height` signature so that the band the layout engine
    /// gives the taller image covers them and nothing above them.
    public static func paddingHeight(width: Int, height: Int, lines: [String], bandHeightRatio: Double) -> Int {
        // Below the fixed point `padding = ratio × (height + padding)`, then up to the first height
        // whose band fits (the band has a minimum height and is rounded).
        var padding = Int(Double(height) * min(max(bandHeightRatio, 0.02), 0.5))
        while WatermarkLayoutEngine.layout(
            imageWidth: width, imageHeight: height + padding, lines: lines, bandHeightRatio: bandHeightRatio
        ).band.height > padding {
            padding += 1
        }
        return padding
    }

    /// The signature as a lossless 8-bit PNG on white, `paddingHeight` rows taller than it is upright.
    /// Refuses what `PhotoHeader.inspect` refuses, and any format but PNG and JPEG.
    public static func prepare(_ original: [UInt8], lines: [String], settings: PhotoProcessingSettings) throws(PhotoError) -> [UInt8] {
        let header = try PhotoHeader.inspect(original, maxPixels: settings.maxPixels)
        guard formats.contains(header.format) else {
            throw PhotoError(code: .unsupportedFormat, message: "a signature image is a PNG or a JPEG, not \(header.format.rawValue)")
        }
        return try original.withBorrowedBytes { buffer throws(PhotoError) in
            let loaded = try PhotoHeader.load(buffer, sequential: false)
            var signature = try VipsImageHandle.make("autorot", code: .corrupt) { fo_vips_autorot(loaded.pointer, $0) }
            // White is 255 only in 8 bits: 16-bit and CMYK inputs become 8-bit sRGB first.
            if signature.format != VIPS_FORMAT_UCHAR || signature.interpretation == VIPS_INTERPRETATION_CMYK {
                let input = signature
                signature = try VipsImageHandle.make("colourspace", code: .corrupt) { fo_vips_colourspace(input.pointer, $0, VIPS_INTERPRETATION_sRGB) }
            }
            if signature.hasAlpha {
                let input = signature
                signature = try VipsImageHandle.make("flatten", code: .corrupt) { fo_vips_flatten(input.pointer, $0, 255) }
            }
            let padding = paddingHeight(width: signature.width, height: signature.height, lines: lines, bandHeightRatio: settings.bandHeightRatio)
            let framed = try VipsImageHandle.make("frame") {
                fo_vips_embed(signature.pointer, $0, 0, 0, Int32(signature.width), Int32(signature.height + padding))
            }
            let paper = try VipsImageHandle.make("paper") { fo_vips_linear1(framed.pointer, $0, 0, 255) }
            let placed = try VipsImageHandle.make("place signature") { fo_vips_insert(paper.pointer, signature.pointer, $0, 0, 0) }
            return try placed.png()
        }
    }
}
