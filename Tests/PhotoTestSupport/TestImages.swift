import CVips
import CVipsShims
@testable import PhotoProcessing

/// Inputs made in the tests with libvips itself, and the decoded pixels of outputs.
public enum TestImages {
    /// An 8-bit image of `bands` bands whose pixels come from `fill` (one value per band).
    static func image(width: Int, height: Int, bands: Int, _ fill: (Int, Int) -> [UInt8]) -> VipsImageHandle {
        _ = Vips.ready
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * bands)
        for y in 0..<height {
            for x in 0..<width { pixels += fill(x, y) }
        }
        let pointer = pixels.withUnsafeBytes {
            vips_image_new_from_memory_copy($0.baseAddress, $0.count, Int32(width), Int32(height), Int32(bands), VIPS_FORMAT_UCHAR)
        }
        return VipsImageHandle(pointer!)
    }

    /// An RGB JPEG (quality 90, metadata kept) with an EXIF orientation and capture time when given.
    public static func jpeg(
        width: Int, height: Int, orientation: Int? = nil, captureTime: String? = nil, _ fill: (Int, Int) -> [UInt8]
    ) throws -> [UInt8] {
        let picture = image(width: width, height: height, bands: 3, fill)
        if let orientation { vips_image_set_int(picture.pointer, "orientation", Int32(orientation)) }
        if let captureTime { vips_image_set_string(picture.pointer, "exif-ifd2-DateTimeOriginal", captureTime) }
        return try picture.jpeg(quality: 90, strip: false)
    }

    /// A photo-like JPEG with a red square in the top-left fifth of the stored pixels.
    public static func markedJPEG(width: Int, height: Int, orientation: Int? = nil, captureTime: String? = nil) throws -> [UInt8] {
        try jpeg(width: width, height: height, orientation: orientation, captureTime: captureTime) { x, y -> [UInt8] in
            if x < width / 5 && y < height / 5 { return [230, 20, 20] }
            let green: UInt8 = 90 &+ UInt8((x * 40) / width)
            return [90, green, 90]
        }
    }

    public static func cmykJPEG(width: Int, height: Int) throws -> [UInt8] {
        let raw = image(width: width, height: height, bands: 4) { x, _ in [UInt8(x % 256), 40, 200, 10] }
        let cmyk = try VipsImageHandle.make("cmyk") { fo_vips_copy_interpretation(raw.pointer, $0, VIPS_INTERPRETATION_CMYK) }
        return try cmyk.jpeg(quality: 90, strip: false)
    }

    public static func greyJPEG(width: Int, height: Int) throws -> [UInt8] {
        let grey = image(width: width, height: height, bands: 1) { x, y in [UInt8((x + y) % 256)] }
        let tagged = try VipsImageHandle.make("grey") { fo_vips_copy_interpretation(grey.pointer, $0, VIPS_INTERPRETATION_B_W) }
        return try tagged.jpeg(quality: 90, strip: false)
    }

    /// A PNG of `bands` bands (4: RGB with alpha).
    public static func png(width: Int, height: Int, bands: Int, _ fill: (Int, Int) -> [UInt8]) throws -> [UInt8] {
        try image(width: width, height: height, bands: bands, fill).png()
    }

    /// A decoded output: size, bands and interleaved 8-bit pixels.
    public struct Decoded {
        public let width: Int, height: Int, bands: Int
        public let pixels: [UInt8]

        public func pixel(_ x: Int, _ y: Int) -> [UInt8] {
            let start = (y * width + x) * bands
            return Array(pixels[start..<start + bands])
        }

        /// Mean level over a rectangle, all bands together.
        public func mean(_ rect: PixelRect) -> Double {
            var sum = 0, count = 0
            for y in rect.y..<rect.maxY {
                for x in rect.x..<rect.maxX {
                    for value in pixel(x, y) { sum += Int(value); count += 1 }
                }
            }
            return Double(sum) / Double(count)
        }

        /// Share of pixels in the rectangle whose every band is above `level`.
        public func share(_ rect: PixelRect, above level: UInt8) -> Double {
            var hits = 0
            for y in rect.y..<rect.maxY {
                for x in rect.x..<rect.maxX where pixel(x, y).allSatisfy({ $0 > level }) { hits += 1 }
            }
            return Double(hits) / Double(rect.width * rect.height)
        }
    }

    public static func decode(_ bytes: [UInt8]) throws -> Decoded {
        try bytes.withBorrowedBytes { buffer throws(PhotoError) in
            let image = try PhotoHeader.load(buffer, sequential: false)
            var size = 0
            let memory = vips_image_write_to_memory(image.pointer, &size)!
            defer { g_free(memory) }
            return Decoded(width: image.width, height: image.height, bands: image.bands, pixels: Array(UnsafeRawBufferPointer(start: memory, count: size)))
        }
    }

    /// A string metadata field of an encoded image (EXIF tags come through as `exif-ifd…` fields).
    public static func field(_ name: String, of bytes: [UInt8]) throws -> String? {
        try bytes.withBorrowedBytes { buffer throws(PhotoError) in try PhotoHeader.load(buffer, sequential: true).string(name) }
    }
}
