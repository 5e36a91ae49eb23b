import CVips
import CVipsShims

/// One libvips image reference, released when the value goes. libvips images are immutable and
/// reference-counted; an operation's result holds its inputs alive, so intermediate handles may go
/// as soon as the next step has been built.
final class VipsImageHandle {
    let pointer: UnsafeMutablePointer<CVips.VipsImage>

    init(_ pointer: UnsafeMutablePointer<CVips.VipsImage>) {
        self.pointer = pointer
    }

    deinit {
        g_object_unref(pointer)
    }

    var width: Int { Int(vips_image_get_width(pointer)) }
    var height: Int { Int(vips_image_get_height(pointer)) }
    var bands: Int { Int(vips_image_get_bands(pointer)) }
    var hasAlpha: Bool { vips_image_hasalpha(pointer) != 0 }
    var format: VipsBandFormat { vips_image_get_format(pointer) }
    var interpretation: VipsInterpretation { vips_image_get_interpretation(pointer) }

    /// A string metadata field (`exif-ifd2-DateTimeOriginal`), when present.
    func string(_ field: String) -> String? {
        guard vips_image_get_typeof(pointer, field) != 0 else { return nil }
        var value: UnsafePointer<CChar>?
        guard vips_image_get_string(pointer, field, &value) == 0, let value else { return nil }
        return String(cString: value)
    }

    /// An integer metadata field (`orientation`), when present.
    func int(_ field: String) -> Int? {
        guard vips_image_get_typeof(pointer, field) != 0 else { return nil }
        var value: Int32 = 0
        guard vips_image_get_int(pointer, field, &value) == 0 else { return nil }
        return Int(value)
    }

    /// Runs one libvips operation that writes a new image, or throws with libvips' reason.
    static func make(
        _ operation: String, code: PhotoError.Code = .processingFailed,
        _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CVips.VipsImage>?>) -> Int32
    ) throws(PhotoError) -> VipsImageHandle {
        var out: UnsafeMutablePointer<CVips.VipsImage>?
        guard body(&out) == 0, let out else { throw Vips.error(operation, code: code) }
        return VipsImageHandle(out)
    }

    /// The image rendered into memory, so several outputs read it without decoding twice.
    func inMemory() throws(PhotoError) -> VipsImageHandle {
        guard let copy = vips_image_copy_memory(pointer) else { throw Vips.error("copy to memory", code: .corrupt) }
        return VipsImageHandle(copy)
    }

    func jpeg(quality: Int, strip: Bool) throws(PhotoError) -> [UInt8] {
        try Vips.savedBuffer("jpegsave") { buffer, length in fo_vips_jpegsave_buffer(pointer, buffer, length, Int32(quality), strip ? 1 : 0) }
    }

    func png() throws(PhotoError) -> [UInt8] {
        try Vips.savedBuffer("pngsave") { buffer, length in fo_vips_pngsave_buffer(pointer, buffer, length) }
    }
}

/// libvips' process-wide set-up and error buffer.
enum Vips {
    /// Initialised once per process. The operation cache is off: every photo is different, and a
    /// cache of recent operations would only hold memory.
    static let ready: Void = {
        if vips_init("fieldops") != 0 { fatalError("libvips could not be initialised") }
        vips_cache_set_max(0)
    }()

    /// libvips' last error text, cleared for the next operation.
    static func error(_ operation: String, code: PhotoError.Code) -> PhotoError {
        let reason = String(cString: vips_error_buffer()).split(separator: "\n").first.map(String.init) ?? "unknown error"
        vips_error_clear()
        return PhotoError(code: code, message: "\(operation): \(reason)")
    }

    static func savedBuffer(
        _ operation: String, _ body: (UnsafeMutablePointer<UnsafeMutableRawPointer?>, UnsafeMutablePointer<Int>) -> Int32
    ) throws(PhotoError) -> [UInt8] {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        // Saving pulls the pixels through the whole pipeline: a decode error surfaces here.
        guard body(&buffer, &length) == 0, let buffer else { throw error(operation, code: .corrupt) }
        defer { g_free(buffer) }
        return Array(UnsafeRawBufferPointer(start: buffer, count: length))
    }
}
