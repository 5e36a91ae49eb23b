import CVips
import CVipsShims
import FieldOpsCrypto

/// The evidence pipeline over libvips: check the header, decode once into memory upright and as
/// 8-bit sRGB, stamp the band, encode the watermarked JPEG, scale the thumbnails down from the same
/// stamped pixels, and hash everything.
///
/// Decoding is most of the cost (entropy decoding is paid for every byte of the file, even at
/// reduced scale), so the original is decoded exactly once and every output reads those pixels.
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
            let probe = try PhotoHeader.load(buffer, sequential: true)
            let exifTime = probe.string("exif-ifd2-DateTimeOriginal").flatMap {
                ExifDateTime(exif: $0, offset: probe.string("exif-ifd2-OffsetTimeOriginal"))
            }
            let upright = try decodedUpright(buffer, format: header.format, probe: probe)
            let stamped = try stamp(upright, lines: lines, logo: logo)

            let jpeg = try stamped.image.jpeg(quality: settings.jpegQuality, strip: !settings.keepEXIF)
            return ProcessedPhoto(
                format: header.format, originalSHA256: SHA256.hex(original), width: stamped.image.width, height: stamped.image.height,
                exifCaptureTime: exifTime, watermarked: derived(stamped.image, bytes: jpeg), thumbnails: try thumbnails(of: stamped.image),
                layout: stamped.layout, colours: stamped.colours
            )
        }
    }

    /// The photo decoded once into memory, turned upright by its EXIF orientation, as 8-bit sRGB.
    private func decodedUpright(_ buffer: UnsafeRawBufferPointer, format: ImageFormat, probe: VipsImageHandle) throws(PhotoError) -> VipsImageHandle {
        let rotated = (probe.int("orientation") ?? 1) > 1
        let decoded: VipsImageHandle
        if format == .jpeg, probe.bands == 3, probe.format == VIPS_FORMAT_UCHAR, probe.interpretation == VIPS_INTERPRETATION_sRGB {
            // Nearly every camera photo: TurboJPEG straight into memory.
            guard let base = buffer.baseAddress, let pixels = fo_vips_decode_jpeg_rgb(base, buffer.count, probe.pointer) else {
                throw Vips.error("decode", code: .corrupt)
            }
            decoded = VipsImageHandle(pixels)
        } else {
            // Grey, CMYK, 16-bit, alpha, PNG, HEIC, WebP: libvips' loaders, then converted. Upright
            // images decode top to bottom; a rotation or flip needs random access.
            let loaded = rotated ? try PhotoHeader.load(buffer, sequential: false) : probe
            decoded = try srgb8(loaded).inMemory()
        }
        guard rotated else { return decoded }
        // Rotated once into memory: the JPEG and the thumbnails then read rows, not columns.
        return try VipsImageHandle.make("autorot") { fo_vips_autorot(decoded.pointer, $0) }.inMemory()
    }

    /// The thumbnails, scaled down from the stamped pixels (so they show the band too): the largest
    /// from the full image, each smaller one from the previous.
    private func thumbnails(of stamped: VipsImageHandle) throws(PhotoError) -> [DerivedImage] {
        var made: [DerivedImage] = []
        var previous = stamped
        for size in settings.thumbnailSizes {
            let source = previous
            let scale = min(Double(size) / Double(source.width), Double(size) / Double(source.height))
            // Never enlarged: a photo already smaller than the box is its own thumbnail.
            let thumbnail = scale >= 1 ? source : try VipsImageHandle.make("thumbnail") { fo_vips_resize(source.pointer, $0, scale) }.inMemory()
            made.append(derived(thumbnail, bytes: try thumbnail.jpeg(quality: settings.jpegQuality, strip: true)))
            previous = thumbnail
        }
        return made
    }

    /// The mean level of `region`: how bright the photo is where the band goes.
    private func meanLevel(of region: VipsImageHandle) throws(PhotoError) -> Double {
        var level = 0.0
        guard fo_vips_avg(region.pointer, &level) == 0 else { throw Vips.error("average", code: .corrupt) }
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

    /// The image with its band drawn: the band region darkened, the white text and the logo blended
    /// in through their masks, and the band — rendered once, since the JPEG and the thumbnails both
    /// read it — put back.
    private func stamp(
        _ image: VipsImageHandle, lines: [String], logo: [UInt8]?
    ) throws(PhotoError) -> (image: VipsImageHandle, layout: WatermarkLayout, colours: WatermarkColours) {
        let logoImage = try logo.map { bytes throws(PhotoError) in try logoThumbnail(bytes, boxHeight: Int(Double(image.height) * settings.bandHeightRatio)) }
        let layout = WatermarkLayoutEngine.layout(
            imageWidth: image.width, imageHeight: image.height, lines: lines, bandHeightRatio: settings.bandHeightRatio,
            logoAspectRatio: logoImage.map { Double($0.width) / Double($0.height) }
        )
        let rect = layout.band
        let region = try VipsImageHandle.make("extract band area") { fo_vips_extract_area(image.pointer, $0, Int32(rect.x), Int32(rect.y), Int32(rect.width), Int32(rect.height)) }
        let colours = WatermarkLayoutEngine.colours(backgroundLevel: try meanLevel(of: region))

        var band = try VipsImageHandle.make("darken") { fo_vips_linear1(region.pointer, $0, 1 - colours.bandOpacity, 0) }
        if let text = try textMask(layout, size: (rect.width, rect.height)) {
            let white = try VipsImageHandle.make("text colour") { fo_vips_linear1(region.pointer, $0, 0, Double(colours.textLevel)) }
            let darkened = band
            band = try VipsImageHandle.make("blend text") { fo_vips_blend(text.pointer, white.pointer, darkened.pointer, $0) }
        }
        if let logoImage, let box = layout.logo {
            band = try placeLogo(logoImage, in: box, onto: band)
        }
        let rendered = try band.inMemory()
        let stamped = try VipsImageHandle.make("insert band") { fo_vips_insert(image.pointer, rendered.pointer, $0, Int32(rect.x), Int32(rect.y)) }
        return (stamped, layout, colours)
    }

    /// One mask of the band's size holding every line of text (lines never overlap), so the text
    /// costs one blend whatever the number of lines; nil when there is no text to draw.
    private func textMask(_ layout: WatermarkLayout, size: (width: Int, height: Int)) throws(PhotoError) -> VipsImageHandle? {
        var combined: VipsImageHandle?
        for line in layout.lines where !line.text.isEmpty {
            var mask = try VipsImageHandle.make("text") { fo_vips_text($0, line.text, "\(settings.font) \(layout.fontSize)") }
            let fitting = (width: min(mask.width, line.maxWidth), height: min(mask.height, size.height - line.y))
            guard fitting.height > 0 else { continue }
            if fitting != (mask.width, mask.height) {
                let whole = mask
                mask = try VipsImageHandle.make("clip text") { fo_vips_extract_area(whole.pointer, $0, 0, 0, Int32(fitting.width), Int32(fitting.height)) }
            }
            let line = (mask: mask, x: Int32(line.x), y: Int32(line.y))
            if let previous = combined {
                combined = try VipsImageHandle.make("add text") { fo_vips_insert(previous.pointer, line.mask.pointer, $0, line.x, line.y) }
            } else {
                combined = try placed(mask, at: (line.x, line.y), size: size)
            }
        }
        return combined
    }

    /// `mask` at `origin` on a black canvas of `size`.
    private func placed(_ mask: VipsImageHandle, at origin: (x: Int32, y: Int32), size: (width: Int, height: Int)) throws(PhotoError) -> VipsImageHandle {
        try VipsImageHandle.make("place mask") { fo_vips_embed(mask.pointer, $0, origin.x, origin.y, Int32(size.width), Int32(size.height)) }
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
        let mask = try placed(opaque, at: (Int32(x), Int32(y)), size: (band.width, band.height))
        return try VipsImageHandle.make("blend logo") { fo_vips_blend(mask.pointer, placedColour.pointer, band.pointer, $0) }
    }
}
