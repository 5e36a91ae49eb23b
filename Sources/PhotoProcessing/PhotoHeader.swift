import CVips
import CVipsShims

#if canImport(Glibc)
import Glibc
#endif

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
        let format = try sniff(bytes)
        // libvips reads from the caller's buffer without copying it: use the image inside the closure only.
        let header = try bytes.withBorrowedBytes { buffer throws(PhotoError) in
            let image = try load(buffer, sequential: true)
            return PhotoHeader(format: format, width: image.width, height: image.height)
        }
        return try header.limited(to: maxPixels)
    }

    /// `inspect(_:maxPixels:)` for an image in a file (an upload the HTTP server spilled to disk):
    /// its first bytes and then its header are read from the file, never the whole of it.
    public static func inspect(file path: String, maxPixels: Int) throws(PhotoError) -> PhotoHeader {
        let format = try sniff(try leadingBytes(of: path, count: ImageFormat.signatureLength))
        _ = Vips.ready
        guard let pointer = fo_vips_load_file_header(path) else { throw Vips.error("header", code: .corrupt) }
        let image = VipsImageHandle(pointer)
        return try PhotoHeader(format: format, width: image.width, height: image.height).limited(to: maxPixels)
    }

    /// An image whose pixels decode only when first needed.
    static func load(_ buffer: UnsafeRawBufferPointer, sequential: Bool) throws(PhotoError) -> VipsImageHandle {
        _ = Vips.ready
        guard let base = buffer.baseAddress, let pointer = fo_vips_load_buffer(base, buffer.count, sequential ? 1 : 0) else {
            throw Vips.error("header", code: .corrupt)
        }
        return VipsImageHandle(pointer)
    }

    private static func sniff(_ head: [UInt8]) throws(PhotoError) -> ImageFormat {
        guard !head.isEmpty else { throw PhotoError(code: .empty, message: "the upload is empty") }
        guard let format = ImageFormat.sniff(head) else {
            throw PhotoError(code: .unsupportedFormat, message: "not a JPEG, PNG, HEIC or WebP image (by content)")
        }
        return format
    }

    private func limited(to maxPixels: Int) throws(PhotoError) -> PhotoHeader {
        guard pixels <= maxPixels else {
            throw PhotoError(code: .tooManyPixels, message: "\(width)×\(height) is more than \(maxPixels) pixels")
        }
        return self
    }

    /// Up to `count` bytes from the start of the file (fewer only when it is shorter).
    private static func leadingBytes(of path: String, count: Int) throws(PhotoError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw unreadable(path) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, count - filled) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw unreadable(path) }
            if got == 0 { break }
            filled += got
        }
        return Array(bytes[..<filled])
    }

    private static func unreadable(_ path: String) -> PhotoError {
        PhotoError(code: .processingFailed, message: "\(path): \(String(cString: strerror(errno)))")
    }
}
