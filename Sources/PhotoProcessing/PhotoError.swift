/// Why a photo cannot be accepted or processed. Every case but `.processingFailed` is a property of
/// the file itself, so retrying cannot help.
public struct PhotoError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// Zero bytes.
        case empty
        /// Not JPEG, PNG, HEIC or WebP by content.
        case unsupportedFormat
        /// More pixels than allowed, read from the header before any decode (a decompression bomb).
        case tooManyPixels
        /// The header or the pixel data cannot be decoded (a truncated or damaged file).
        case corrupt
        case processingFailed
    }

    public let code: Code
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
