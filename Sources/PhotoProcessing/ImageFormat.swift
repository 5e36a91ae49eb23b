/// The image types a photo may be, told by content (magic bytes), never by file name.
public enum ImageFormat: String, Sendable, Codable, CaseIterable {
    case jpeg, png, heic, webp

    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .heic: "image/heic"
        case .webp: "image/webp"
        }
    }

    /// How many leading bytes `sniff` looks at.
    public static let signatureLength = 16

    /// The format whose signature starts `bytes`, or nil for anything else (text, PDF, a truncated
    /// header, nothing at all).
    public static func sniff(_ bytes: some Collection<UInt8>) -> ImageFormat? {
        let head = Array(bytes.prefix(signatureLength))
        func matches(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + signature.count && Array(head[offset..<offset + signature.count]) == signature
        }
        if matches([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if matches([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if matches(Array("RIFF".utf8)), matches(Array("WEBP".utf8), at: 8) { return .webp }
        // ISO-BMFF: a `ftyp` box whose major brand is a HEIF still-image brand.
        if matches(Array("ftyp".utf8), at: 4), head.count >= 12,
           ["heic", "heix", "heim", "heis", "mif1", "msf1"].contains(String(decoding: head[8..<12], as: UTF8.self)) {
            return .heic
        }
        return nil
    }
}
