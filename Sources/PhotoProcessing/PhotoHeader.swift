import CVips
import CVipsShims

/// What an upload is, known from its first bytes and its header only.
public struct PhotoHeader: Sendable, Equatable {
    public var format: ImageFormat
    /// As stored, before any EXIF rotation.
    public var width: Int
    public var height: Int

    public var pixels: Int { width * height }

    /// Sniffs the type by content, then reads the dimensions from the header without decoding a
    /// pixel, and refuses more than `maxPixels`: a 20000×20000 "photo" of a few kilobytes is turned
    /// away before it could claim 1.2 GB of memory.
    public static func inspect(_ bytes: [UInt8], maxPixels: Int) throws(PhotoError) -> PhotoHeader {
        guard !bytes.isEmpty else { throw PhotoError(code: .empty, message: "the upload is empty") }
        guard let format = ImageFormat.sniff(bytes) else {
            throw PhotoError(code: .unsupportedFormat, message: "not a JPEG, PNG, HEIC or WebP image (by content)")
        }
        // libvips reads from the caller's buffer without copying it: use the image inside the closure only.
        let header = try bytes.withBorrowedBytes { buffer throws(PhotoError) in
            let image = try load(buffer, sequential: true)
            return PhotoHeader(format: format, width: image.width, height: image.height)
        }
        guard header.pixels <= maxPixels else {
            throw PhotoError(code: .tooManyPixels, message: "\(header.width)×\(header.height) is more than \(maxPixels) pixels")
        }
        return header
    }

    /// An image whose pixels decode only when first needed.
    static func load(_ buffer: UnsafeRawBufferPointer, sequential: Bool) throws(PhotoError) -> VipsImageHandle {
        _ = Vips.ready
        guard let base = buffer.baseAddress, let pointer = fo_vips_load_buffer(base, buffer.count, sequential ? 1 : 0) else {
            throw Vips.error("header", code: .corrupt)
        }
        return VipsImageHandle(pointer)
    }
}
