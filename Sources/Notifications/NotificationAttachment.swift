#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A file sent with a notification's e-mails (a report PDF), carried as base64 in JSON.
public struct NotificationAttachment: Codable, Sendable, Equatable {
    public var filename: String
    public var contentType: String
    public var contentBase64: String

    public init(filename: String, contentType: String, content: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        contentBase64 = Data(content).base64EncodedString()
    }

    /// The decoded bytes; nil when `contentBase64` is not base64.
    public var content: [UInt8]? {
        Data(base64Encoded: contentBase64).map(Array.init)
    }

    enum CodingKeys: String, CodingKey { case filename, contentType = "content_type", contentBase64 = "content_base64" }
}
