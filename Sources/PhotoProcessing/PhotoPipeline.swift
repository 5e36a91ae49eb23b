import CVips
import CVipsShims
import FieldOpsCrypto

/// The evidence pipeline over libvips: check the header, turn upright by EXIF, normalise to 8-bit
/// sRGB, stamp the band and encode the watermarked JPEG in one top-to-bottom pass, then derive the
/// thumbnails from that JPEG at reduced decode scale, and hash everything.
///
/// CPU-bound and blocking: callers run it on a thread of their own, never on the cooperative pool.
public struct PhotoPipeline: Sendable {
    public let settings: PhotoProcessingSettings

    public init(settings: PhotoProcessingSettings) {
        self.settings = settings
    }

    /// - Parameters:
    ///   - lines: the watermark's text, one entry per line.
    ///   - logo: an optional tenant logo (any format libvips reads), placed at the band's right end.
    public func process(_ original: [UInt8], lines: [String], logo: [UInt8]? = nil) throws(PhotoError) -> ProcessedPhoto {
        let header = try PhotoHeader.inspect(original, maxPixels: settings.maxPixels)
        // libvips reads the original in place: everything that touches pixels stays inside this closure.
        return try original.withBorrowedBytes { buffer throws(PhotoError) in
            // Upright photos stream top to bottom through a few scanlines of memory; a rotation or
            // flip needs the whole decoded image.
            let probe = try PhotoHeader.load(buffer, sequential: true)
            let exifTime = probe.string("exif-ifd2-DateTimeOriginal").flatMap {
                ExifDateTime(exif: $0, offset: probe.string("exif-ifd2-OffsetTimeOriginal"))
            }
            let loaded = (probe.int("orientation") ?? 1) <= 1 ? probe : try PhotoHeader.load(buffer, sequential: false)
            let upright = try srgb8(VipsImageHandle.make("autorot") { fo_vips_autorot(loaded.pointer, $0) })
            let stamped = try stamp(upright, lines: lines, logo: logo, backgroundLevel: bottomLevel(of: buffer))

            let jpeg = try stamped.image.jpeg(quality: settings.jpegQuality, strip: !settings.keepEXIF)
            let watermarked = derived(stamped.image, bytes: jpeg)
            return ProcessedPhoto(
                format: header.format, originalSHA256: SHA256.hex(original), width: stamped.image.width, height: stamped.image.height,
                exifCaptureTime: exifTime, watermarked: watermarked, thumbnails: try thumbnails(of: jpeg),
                layout: stamped.layout, colours: stamped.colours
            )
        }
    }

    /// The thumbnails of the watermarked JPEG: the largest through JPEG shrink-on-load (decoding at
    /// 1/2, 1/4 or 1/8 scale costs a fraction of a full decode), each smaller one from the previous.
    private func thumbnails(of jpeg: [UInt8]) throws(PhotoError) -> [DerivedImage] {
        try jpeg.withBorrowedBytes { buffer throws(PhotoError) in
            var made: [DerivedImage] = []
            var previous: VipsImageHandle?
            for size in settings.thumbnailSizes {
                let thumbnail = try VipsImageHandle.make("thumbnail") { out in
                    if let previous { return fo_vips_thumbnail_image(previous.pointer, out, Int32(size), Int32(size)) }
                    return fo_vips_thumbnail_buffer(buffer.baseAddress, buffer.count, out, Int32(size), Int32(size))
                }
                // Rendered now, while the JPEG's buffer is borrowed; the next one starts from these pixels.
                let pixels = try thumbnail.inMemory()
                made.append(derived(pixels, bytes: try pixels.jpeg(quality: settings.jpegQuality, strip: true)))
                previous = pixels
            }
            return made
        }
    }

    /// The mean level of the photo's bottom band, from a small upright preview decoded at reduced
    /// scale, so the full-size image is read only once, top to bottom.
    private func bottomLevel(of buffer: UnsafeRawBufferPointer) throws(PhotoError) -> Double {
        let preview = try srgb8(VipsImageHandle.make("preview", code: .corrupt) { fo_vips_thumbnail_buffer(buffer.baseAddress, buffer.count, $0, 256, 256) })
        let height = min(preview.height, max(1, Int((Double(preview.height) * settings.bandHeightRatio).rounded())))
        let strip = try VipsImageHandle.make("preview band") {
            fo_vips_extract_area(preview.pointer, $0, 0, Int32(preview.height - height), Int32(preview.width), Int32(height))
        }
        var level = 0.0
        guard fo_vips_avg(strip.pointer, &level) == 0 else { throw Vips.error("average", code: .corrupt) }
        return level
    }

    private func derived(_ image: VipsImageHandle, bytes: [UInt8]) -> DerivedImage {
        DerivedImage(bytes: bytes, sha256: SHA256.hex(bytes), width: image.width, height: image.height)
    }

    /// Three 8-bit sRGB bands whatever came in: grey, CMYK (through its ICC profile), 16-bit, alpha
    /// (flattened onto white, as a viewer would show it).
    private func srgb8(_ image: VipsImageHandle) throws(PhotoError) -> VipsImageHandle {
        var current = image
        if current.hasAlpha && current.interpretation != VIPS_INTERPRETATION_CMYK {
            let input = current
            current = try VipsImageHandle.make("flatten", code: .corrupt) { fo_vips_flatten(input.pointer, $0, 255) }
        }
        if current.interpretation != VIPS_INTERPRETATION_sRGB || current.bands != 3 {
            let input = current
            current = try VipsImageHandle.make("colourspace", code: .corrupt) { fo_vips_colourspace(input.pointer, $0, VIPS_INTERPRETATION_sRGB) }
        }
        if current.format != VIPS_FORMAT_UCHAR {
            let input = current
            current = try VipsImageHandle.make("cast", code: .corrupt) { fo_vips_cast(input.pointer, $0, VIPS_FORMAT_UCHAR) }
        }
        return current
    }

    /// The image with its band drawn: the band region darkened, then each line of white text and
    /// the logo blended in through their masks, and the band put back.
    private func stamp(
        _ image: VipsImageHandle, lines: [String], logo: [UInt8]?, backgroundLevel: Double
    ) throws(PhotoError) -> (image: VipsImageHandle, layout: WatermarkLayout, colours: WatermarkColours) {
        let logoImage = try logo.map { bytes throws(PhotoError) in try logoThumbnail(bytes, boxHeight: Int(Double(image.height) * settings.bandHeightRatio)) }
        let layout = WatermarkLayoutEngine.layout(
            imageWidth: image.width, imageHeight: image.height, lines: lines, bandHeightRatio: settings.bandHeightRatio,
            logoAspectRatio: logoImage.map { Double($0.width) / Double($0.height) }
        )
        let rect = layout.band
        let region = try VipsImageHandle.make("extract band area") { fo_vips_extract_area(image.pointer, $0, Int32(rect.x), Int32(rect.y), Int32(rect.width), Int32(rect.height)) }
        let colours = WatermarkLayoutEngine.colours(backgroundLevel: backgroundLevel)

        var band = try VipsImageHandle.make("darken") { fo_vips_linear1(region.pointer, $0, 1 - colours.bandOpacity, 0) }
        let white = try VipsImageHandle.make("text colour") { fo_vips_linear1(region.pointer, $0, 0, Double(colours.textLevel)) }
        for line in layout.lines where !line.text.isEmpty {
            var mask = try VipsImageHandle.make("text") { fo_vips_text($0, line.text, "\(settings.font) \(layout.fontSize)") }
            let fitting = (width: min(mask.width, line.maxWidth), height: min(mask.height, rect.height - line.y))
            guard fitting.height > 0 else { continue }
            if fitting != (mask.width, mask.height) {
                let whole = mask
                mask = try VipsImageHandle.make("clip text") { fo_vips_extract_area(whole.pointer, $0, 0, 0, Int32(fitting.width), Int32(fitting.height)) }
            }
            band = try blend(mask, colour: white, into: band, at: (line.x, line.y))
        }
        if let logoImage, let box = layout.logo {
            band = try placeLogo(logoImage, in: box, onto: band)
        }
        let stamped = try VipsImageHandle.make("insert band") { fo_vips_insert(image.pointer, band.pointer, $0, Int32(rect.x), Int32(rect.y)) }
        return (stamped, layout, colours)
    }

    /// `colour` where the mask (placed at `origin` in the band) is set, the band elsewhere.
    private func blend(_ mask: VipsImageHandle, colour: VipsImageHandle, into band: VipsImageHandle, at origin: (x: Int, y: Int)) throws(PhotoError) -> VipsImageHandle {
        let placed = try VipsImageHandle.make("place mask") {
            fo_vips_embed(mask.pointer, $0, Int32(origin.x), Int32(origin.y), Int32(band.width), Int32(band.height))
        }
        return try VipsImageHandle.make("blend") { fo_vips_blend(placed.pointer, colour.pointer, band.pointer, $0) }
    }

    /// The logo, at most `boxHeight` pixels high, as 8-bit sRGB with its alpha kept as the last band.
    private func logoThumbnail(_ bytes: [UInt8], boxHeight: Int) throws(PhotoError) -> VipsImageHandle {
        guard ImageFormat.sniff(bytes) != nil else { throw PhotoError(code: .unsupportedFormat, message: "the logo is not an image") }
        return try bytes.withBorrowedBytes { buffer throws(PhotoError) in
            // The thumbnail is computed at once (copied to memory) because the buffer is only borrowed.
            let thumbnail = try VipsImageHandle.make("logo", code: .corrupt) {
                fo_vips_thumbnail_buffer(buffer.baseAddress, buffer.count, $0, Int32(max(boxHeight * 4, 1)), Int32(max(boxHeight, 1)))
            }
            return try thumbnail.inMemory()
        }
    }

    private func placeLogo(_ logo: VipsImageHandle, in box: PixelRect, onto band: VipsImageHandle) throws(PhotoError) -> VipsImageHandle {
        let fitted = try VipsImageHandle.make("fit logo") { fo_vips_thumbnail_image(logo.pointer, $0, Int32(box.width), Int32(box.height)) }
        let x = box.x + (box.width - fitted.width) / 2
        let y = box.y + (box.height - fitted.height) / 2
        let colourBands = fitted.hasAlpha ? fitted.bands - 1 : fitted.bands
        let colour = try srgb8(VipsImageHandle.make("logo colour") { fo_vips_extract_band(fitted.pointer, $0, 0, Int32(colourBands)) })
        let placedColour = try VipsImageHandle.make("place logo") {
            fo_vips_embed(colour.pointer, $0, Int32(x), Int32(y), Int32(band.width), Int32(band.height))
        }
        // Opaque logos cover their box; transparent ones show the band through their alpha.
        let alpha = fitted.hasAlpha
            ? try VipsImageHandle.make("logo alpha") { fo_vips_extract_band(fitted.pointer, $0, Int32(colourBands), 1) }
            : try VipsImageHandle.make("logo box") { fo_vips_linear1(colour.pointer, $0, 0, 255) }
        let opaque = try VipsImageHandle.make("alpha band") { fo_vips_extract_band(alpha.pointer, $0, 0, 1) }
        return try blend(opaque, colour: placedColour, into: band, at: (x, y))
    }
}
